// The Explorer in a real browser against a real stack: a metric by a dimension with filters, every
// filter in the URL (a reload reopens the view), volume as counts or as shares of the source's posts
// (labelled on the axis, each plotted share the API's), and the posts behind a point, keyword
// included, as /api/posts lists them.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = path.join(ROOT, 'docs/screenshots/explorer.png');

let stack: TestStack | undefined;
let browser: Browser | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ posts: 4000 });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const ready = (page: Page) => page.waitForSelector('#explorer-chart[data-state="ready"]', { timeout: 30_000 });

interface Trends {
  series: Array<{ key: string; points: Array<{ t: string; value: number; n: number; denominator?: number }> }>;
}

async function api<T>(pathAndQuery: string): Promise<T> {
  const response = await fetch(new URL(pathAndQuery, stack!.baseUrl));
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('dashboard: explorer', () => {
  it('charts a metric by a dimension with filters, all kept in the URL', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(new URL('/explore', stack!.baseUrl).toString());
      await ready(page);
      await page.selectOption('#ex-group', 'lang');
      await page.fill('#ex-from', '2025-01-01');
      await page.fill('#ex-to', '2025-02-28');
      await page.selectOption('#ex-actor', 'public');
      await page.fill('#ex-q', 'tiktok');
      await page.keyboard.press('Enter');
      await page.waitForURL(/actor=public/);
      await ready(page);
      const params = new URL(page.url()).searchParams;
      expect(Object.fromEntries(params)).toMatchObject({ metric: 'volume', group_by: 'lang', from: '2025-01-01', to: '2025-02-28', actor: 'public', q: 'tiktok' });

      // The lines are the API's series for the same filters.
      const trend = await api<{ series: Array<{ key: string }> }>(
        '/api/trends?metric=volume&group_by=lang&granularity=week&from=2025-01-01T00:00:00.000Z&to=2025-03-01T00:00:00.000Z&actor=public',
      );
      for (const { key } of trend.series) expect(await page.locator(`#explorer-chart .series-${key} path.recharts-line-curve`).count()).toBe(1);
      expect(await page.locator('.explorer-y-label').textContent()).toContain('Posts (count)');

      // Volume as a share of the source's posts: labelled on the axis, kept in the URL, and every
      // plotted point is the API's share for the same view.
      await page.getByLabel("share of the source's posts").check();
      await page.waitForURL(/volume=source_share/);
      await page.locator('.explorer-y-label', { hasText: "Share of the source's posts" }).waitFor({ timeout: 30_000 });
      await ready(page);
      expect(await page.locator('#explorer-chart .series-legend').innerText()).toMatch(/en\s+\(n = [\d,]+\)/);
      const shares = await api<Trends>(
        '/api/trends?metric=volume_share_of_source&group_by=lang&granularity=week&from=2025-01-01T00:00:00.000Z&to=2025-03-01T00:00:00.000Z&actor=public',
      );
      const plotted = await page.locator('#explorer-chart .point-hit').evaluateAll((els) =>
        els.map((el) => `${el.getAttribute('data-series')} ${el.getAttribute('data-ts')} ${el.getAttribute('data-value')}`),
      );
      const fromApi = shares.series.flatMap((s) => s.points.map((p) => `${s.key} ${Date.parse(p.t)} ${p.value}`));
      expect(fromApi.length).toBeGreaterThan(3);
      for (const point of fromApi) expect(plotted).toContain(point);
      for (const s of shares.series) for (const p of s.points) expect(p.value).toBe(p.n / p.denominator!);
      // The denominator is every post of the source, not only the public's: the languages' shares
      // of a week add up to the public's share, under 100%.
      const byWeek = new Map<string, number>();
      for (const s of shares.series) for (const p of s.points) byWeek.set(p.t, (byWeek.get(p.t) ?? 0) + p.value);
      expect(Math.max(...byWeek.values())).toBeLessThan(0.99);

      // A reload reopens the same view.
      await page.reload();
      await ready(page);
      expect(await page.locator('#ex-group').inputValue()).toBe('lang');
      expect(await page.locator('#ex-actor').inputValue()).toBe('public');
      expect(await page.locator('#ex-q').inputValue()).toBe('tiktok');
      expect(await page.getByLabel("share of the source's posts").isChecked()).toBe(true);

      // The posts behind a point: the bucket, the series' language, the filters and the keyword.
      const point = page.locator('#explorer-chart .point-hit[data-series="en"]').nth(2);
      const ts = Number(await point.getAttribute('data-ts'));
      await point.dispatchEvent('click');
      await page.waitForSelector('[data-testid="drill-down"][data-state="ready"]');
      const query = new URLSearchParams({
        from: new Date(ts).toISOString(),
        to: new Date(ts + 7 * 86_400_000).toISOString(),
        actor: 'public',
        q: 'tiktok',
        lang: 'en',
        limit: '20',
      });
      const expected = await api<{ posts: Array<{ id: string; text: string }> }>(`/api/posts?${query}`);
      expect(expected.posts.length).toBeGreaterThan(0);
      for (const post of expected.posts) expect(post.text.toLowerCase()).toContain('tiktok');
      const shown = await page.locator('[data-testid="drill-down"] .post-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-post-id')));
      expect(shown).toEqual(expected.posts.map((p) => p.id));

      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: false });
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 50_000);

  it('keeps only posts at or above a minimum confidence in the chart, its about panel and the drill-down', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(new URL('/explore?metric=volume&group_by=actor&granularity=week&from=2025-01-01&to=2025-01-31', stack!.baseUrl).toString());
      await ready(page);
      await page.getByLabel('Minimum confidence').fill('0.8');
      await page.getByLabel('Confidence of').selectOption('stance');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/min_confidence=0.8&confidence_on=stance/);
      await ready(page);

      type Trend = { series: Array<{ key: string; points: Array<{ t: string; n: number }> }> };
      const window = 'metric=volume&group_by=actor&granularity=week&from=2025-01-01T00:00:00.000Z&to=2025-02-01T00:00:00.000Z';
      const all = await api<Trend>(`/api/trends?${window}`);
      const confident = await api<Trend>(`/api/trends?${window}&min_confidence=0.8&confidence_on=stance`);
      const total = (t: Trend, key: string) => t.series.find((s) => s.key === key)!.points.reduce((sum, p) => sum + p.n, 0);
      // The filter bites on the demo data, and the chart's n is the filtered one.
      expect(total(confident, 'public')).toBeLessThan(total(all, 'public'));
      const about = await page.locator('[data-testid="explorer-about"]').innerText();
      expect(about).toContain(`Public ${total(confident, 'public').toLocaleString('en-US')}`);
      expect(await page.locator('[data-testid="explorer-confidence"]').innerText()).toMatch(/stance label .* at least 0\.8 are counted/);

      await page.reload();
      await ready(page);
      expect(await page.getByLabel('Minimum confidence').inputValue()).toBe('0.8');

      // The posts behind a point carry the same minimum.
      const point = page.locator('#explorer-chart .point-hit[data-series="public"]').first();
      const ts = Number(await point.getAttribute('data-ts'));
      await point.dispatchEvent('click');
      await page.waitForSelector('[data-testid="drill-down"][data-state="ready"]');
      const query = new URLSearchParams({
        from: new Date(ts).toISOString(),
        to: new Date(ts + 7 * 86_400_000).toISOString(),
        actor: 'public',
        min_confidence: '0.8',
        confidence_on: 'stance',
        limit: '20',
      });
      const expected = await api<{ posts: Array<{ id: string; stance: { confidence: number } }> }>(`/api/posts?${query}`);
      expect(expected.posts.length).toBeGreaterThan(0);
      for (const post of expected.posts) expect(post.stance.confidence).toBeGreaterThanOrEqual(0.8 - 1e-6);
      const shown = await page.locator('[data-testid="drill-down"] .post-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-post-id')));
      expect(shown).toEqual(expected.posts.map((p) => p.id));
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 50_000);

  it("opens an old volume=share link as the share of the source's posts", async () => {
    const page = await browser!.newPage();
    try {
      await page.goto(new URL('/explore?metric=volume&group_by=actor&granularity=week&volume=share', stack!.baseUrl).toString());
      await ready(page);
      expect(await page.getByLabel("share of the source's posts").isChecked()).toBe(true);
      expect(await page.locator('.explorer-y-label').textContent()).toContain("Share of the source's posts");
      expect(await page.getByTestId('explorer-about').innerText()).toMatch(/divided by all posts from the same source/);
    } finally {
      await page.close();
    }
  }, 30_000);

  it("shows the API's error for a bad filter, and an empty state when nothing matches", async () => {
    const page = await browser!.newPage();
    try {
      await page.goto(new URL('/explore?metric=volume&group_by=actor&lang=not%20valid!', stack!.baseUrl).toString());
      await page.waitForSelector('#explorer-chart[data-state="error"]', { timeout: 30_000 });
      expect(await page.locator('#explorer-chart [role="alert"]').innerText()).toMatch(/Could not load/);
      await page.goto(new URL('/explore?metric=volume&group_by=actor&source=nowhere', stack!.baseUrl).toString());
      await ready(page);
      expect(await page.locator('#explorer-chart').innerText()).toMatch(/No posts match/);
    } finally {
      await page.close();
    }
  }, 30_000);
});
