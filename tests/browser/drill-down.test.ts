// The journalist's drill-down in a real browser against a real stack: click a point of "The divide"
// (or pick it with the keyboard) and read the posts behind it, paged, as /api/posts lists them.
// A post carrying HTML/JS markup goes through the real pipeline and must be shown as inert text.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';
import { startTestStack } from '@rift/testing/stack';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = path.join(ROOT, 'docs/screenshots/drill-down.png');
const WEEK = '2024-06-10T00:00:00.000Z';
const WEEK_END = '2024-06-17T00:00:00.000Z';
const HOSTILE_ID = 'hostile-markup-1';
const HOSTILE_TEXT =
  'The TikTok ban is wrong <script>window.__pwned = "script"</script> ' +
  '<img src="x" onerror="window.__pwned = \'img\'"> <b>bold?</b> #TikTok';

let stack: TestStack | undefined;
let browser: Browser | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({
    posts: 6000,
    extra: [
      {
        source: 'demo',
        id: HOSTILE_ID,
        url: 'javascript:window.__pwned="link"',
        author: { handle: 'curious.reader', name: 'Curious <i>Reader</i>', description: '', verified_domain: '' },
        created_at: '2024-06-10T00:00:05.000Z',
        text: HOSTILE_TEXT,
        lang_hint: 'en',
      },
    ],
  });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface PostsPage {
  posts: Array<{ id: string; text: string; actor: { label: string } }>;
  next_cursor: string | null;
}

async function apiPosts(query: Record<string, string>): Promise<PostsPage> {
  const response = await fetch(new URL(`/api/posts?${new URLSearchParams(query)}`, stack!.baseUrl));
  expect(response.status).toBe(200);
  return (await response.json()) as PostsPage;
}

async function openDivide(): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Every copy counted, so that a point's n is the number of posts behind it (copy-clusters.test.ts reads copies once).
  await page.goto(new URL('/?granularity=week&from=2024-05-27&to=2024-06-30&copies=all', stack!.baseUrl).toString());
  await page.waitForSelector('#chart-stance[data-state="ready"]', { timeout: 30_000 });
  return page;
}

const listedIds = (page: Page) =>
  page.locator('[data-testid="drill-down"] .post-item').evaluateAll((items) => items.map((li) => li.getAttribute('data-post-id')));

describe('dashboard: drill-down', () => {
  it('lists the posts behind a clicked point, paged like /api/posts, with hostile markup inert', async () => {
    const page = await openDivide();
    try {
      const point = page.locator(`#chart-stance .point-hit[data-series="public"][data-ts="${Date.parse(WEEK)}"]`);
      const n = Number(await point.getAttribute('data-n'));
      await point.click();
      const panel = page.getByTestId('drill-down');
      await page.waitForSelector('[data-testid="drill-down"][data-state="ready"] .post-item');
      expect(await panel.locator('h3').innerText()).toContain('Public');

      const filters = { from: WEEK, to: WEEK_END, actor: 'public' };
      const first = await apiPosts({ ...filters, limit: '20' });
      expect(first.posts.length).toBe(20);
      expect(first.next_cursor).not.toBeNull();
      expect(await listedIds(page)).toEqual(first.posts.map((p) => p.id));

      // "Show more" appends the next page, exactly as the cursor gives it.
      await panel.getByRole('button', { name: 'Show more posts' }).click();
      const second = await apiPosts({ ...filters, limit: '20', cursor: first.next_cursor! });
      // Polled through a locator: a string predicate is evaluated with eval, which the page's CSP forbids.
      await expect
        .poll(() => page.locator('[data-testid="drill-down"] .post-item').count(), { timeout: 30_000 })
        .toBe(first.posts.length + second.posts.length);
      expect(await listedIds(page)).toEqual([...first.posts, ...second.posts].map((p) => p.id));
      // The whole slice is what the chart counted for the point.
      let all = first.posts.length + second.posts.length;
      for (let cursor = second.next_cursor; cursor; ) {
        const next = await apiPosts({ ...filters, limit: '500', cursor });
        all += next.posts.length;
        cursor = next.next_cursor;
      }
      expect(all).toBe(n);

      // "What moved here": the topics that rose most against the week before, as /api/movers ranks them.
      await page.waitForSelector('[data-testid="what-moved"][data-state="ready"]');
      const movers = (await (
        await fetch(new URL(`/api/movers?${new URLSearchParams({ ...filters, limit: '5' })}`, stack!.baseUrl))
      ).json()) as { topics: Array<{ item: string }>; previous: { from: string } };
      expect(movers.previous.from).toBe('2024-06-03T00:00:00.000Z');
      expect(movers.topics.length).toBeGreaterThan(0);
      const shownTopics = await panel.locator('[data-testid="what-moved"] li').evaluateAll((els) => els.map((el) => el.getAttribute('data-item')));
      expect(shownTopics.slice(0, movers.topics.length)).toEqual(movers.topics.map((m) => m.item));

      // The hostile post is in the list, its markup shown as text and never run.
      const hostile = panel.locator(`.post-item[data-post-id="${HOSTILE_ID}"]`);
      expect(await hostile.locator('.post-text').innerText()).toBe(HOSTILE_TEXT);
      expect(await hostile.locator('.post-text img, .post-text script, .post-text b').count()).toBe(0);
      expect(await hostile.locator('a').count()).toBe(0); // its javascript: URL is not made a link
      expect(await hostile.innerText()).toContain('Curious <i>Reader</i>');
      expect(await hostile.innerText()).toMatch(/Matched terms\s*\S/);
      expect(await hostile.innerText()).toMatch(/Model\s*\S/);
      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
      // The other posts link to their originals.
      const link = panel.locator(`.post-item:not([data-post-id="${HOSTILE_ID}"])`).first().getByRole('link');
      expect(await link.getAttribute('href')).toMatch(/^https:\/\//);

      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await hostile.scrollIntoViewIfNeeded();
      await page.locator('#chart-stance').screenshot({ path: SCREENSHOT });
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('opens a point from the keyboard and closes with Escape', async () => {
    const page = await openDivide();
    try {
      // A week in which the US government posted (a drawn point has n > 0).
      const govPoint = page.locator('#chart-stance .point-hit[data-series="us_government"]').first();
      const ts = Number(await govPoint.getAttribute('data-ts'));
      const from = new Date(ts).toISOString();
      const to = new Date(ts + 7 * 86_400_000).toISOString();
      await page.focus('#chart-stance-bucket');
      await page.selectOption('#chart-stance-bucket', String(ts));
      await page.keyboard.press('Tab');
      await page.selectOption('#chart-stance-series', 'us_government');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="drill-down"][data-state="ready"]');
      const heading = page.locator('[data-testid="drill-down"] h3');
      expect(await heading.innerText()).toContain('US government');
      expect(await heading.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

      const expected = await apiPosts({ from, to, actor: 'us_government', limit: '20' });
      expect(expected.posts.length).toBeGreaterThan(0);
      expect(await listedIds(page)).toEqual(expected.posts.map((p) => p.id));
      for (const post of expected.posts) expect(post.actor.label).toBe('us_government');

      await page.keyboard.press('Escape');
      expect(await page.getByTestId('drill-down').count()).toBe(0);
    } finally {
      await page.close();
    }
  }, 45_000);
});
