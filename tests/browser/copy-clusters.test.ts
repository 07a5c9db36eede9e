// A copy cluster in the drill-down, in a real browser against a real stack: a post whose copy
// cluster has other members shows how many posts the cluster holds (copy_cluster_size) and lists
// them, as /api/posts?copy_cluster= does; a post of its own shows nothing of the kind.
import { describe, expect, it } from 'vitest';
import { useStackAndBrowser } from './stack-and-browser.ts';

const env = useStackAndBrowser({ posts: 4000 });

interface Post {
  source: string;
  id: string;
  copy_cluster: string;
  copy_cluster_size: number;
}

async function posts(query: Record<string, string>): Promise<{ posts: Post[]; next_cursor: string | null }> {
  const response = await fetch(new URL(`/api/posts?${new URLSearchParams(query)}`, env.stack.baseUrl));
  expect(response.status).toBe(200);
  return (await response.json()) as { posts: Post[]; next_cursor: string | null };
}

/** A week of public posts with copies among them (the demo corpus repeats its template texts). */
const WEEK = { from: '2024-12-02T00:00:00.000Z', to: '2024-12-09T00:00:00.000Z', actor: 'public' };

describe('dashboard: a copy cluster in the drill-down', () => {
  it("shows a cluster's size and lists its members", async () => {
    // The drill-down lists every post of the point, copies too, each with its cluster's size.
    const listed = await posts({ ...WEEK, limit: '20' });
    const copied = listed.posts.find((p) => p.copy_cluster_size > 1)!;
    const alone = listed.posts.find((p) => p.copy_cluster_size === 1)!;
    expect(copied).toBeDefined();
    expect(alone).toBeDefined();
    const members = await posts({ copy_cluster: copied.copy_cluster, limit: '500' });
    expect(members.posts).toHaveLength(copied.copy_cluster_size);

    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(new URL('/?granularity=week&from=2024-12-01&to=2025-02-28', env.stack.baseUrl).toString());
      await page.waitForSelector('#chart-stance[data-state="ready"] .point-hit', { state: 'attached', timeout: 30_000 });
      await page.locator(`#chart-stance .point-hit[data-series="public"][data-ts="${Date.parse(WEEK.from)}"]`).dispatchEvent('click');
      const drill = page.getByTestId('drill-down');
      await page.waitForSelector('[data-testid="drill-down"][data-state="ready"] .post-item', { timeout: 30_000 });
      expect(await drill.locator('.post-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-post-id')))).toEqual(listed.posts.map((p) => p.id));
      // The chart counts copies once (the page's default), so its n is not the number of posts listed.
      const trend = (await (
        await fetch(new URL('/api/trends?metric=stance_oppose_share&group_by=actor&granularity=week&from=2024-12-01T00:00:00.000Z&to=2025-03-01T00:00:00.000Z&unit=author&copies=once', env.stack.baseUrl))
      ).json()) as { series: Array<{ key: string; points: Array<{ t: string; n: number }> }> };
      const n = trend.series.find((s) => s.key === 'public')!.points.find((p) => p.t === WEEK.from)!.n;
      expect(await drill.locator('.drill-down-count').innerText()).toContain(`Every copy is listed; the chart counted ${n} here, each copy cluster once`);

      const item = drill.locator(`.post-item[data-post-id="${copied.id}"]`);
      const cluster = item.getByTestId('copy-cluster');
      expect(await cluster.getAttribute('data-cluster')).toBe(copied.copy_cluster);
      expect(await cluster.innerText()).toContain(`of ${copied.copy_cluster_size} posts with the same or nearly the same text`);
      expect(await drill.locator(`.post-item[data-post-id="${alone.id}"] [data-testid="copy-cluster"]`).count()).toBe(0);

      await cluster.getByRole('button', { name: `List the ${copied.copy_cluster_size} posts` }).click();
      const list = cluster.getByTestId('copy-cluster-members');
      await list.locator('.copy-cluster-member').first().waitFor({ timeout: 15_000 });
      const shown = Math.min(copied.copy_cluster_size, 20);
      await expect.poll(() => list.locator('.copy-cluster-member').count()).toBe(shown);
      expect(await list.locator('.copy-cluster-member').evaluateAll((items) => items.map((i) => i.getAttribute('data-post-id')))).toEqual(
        members.posts.slice(0, shown).map((p) => p.id),
      );
      expect(await list.locator('.drill-down-count').innerText()).toContain(`Showing ${shown} of ${copied.copy_cluster_size} posts of the cluster`);
      // The cluster's first post, whose id the cluster carries, is marked as such.
      expect(await list.locator(`.copy-cluster-member[data-post-id="${copied.copy_cluster.split(':')[1]}"]`).innerText()).toContain('first post');
    } finally {
      await page.close();
    }
  }, 90_000);
});
