// "Where people talked" on the divide page, in a real browser against a real stack that holds
// the demo corpus and the Zeeschuimer fixtures (RedNote, TikTok, Douyin) sent through the real
// queue and worker: per platform, the posts and the share opposing the ban agree with the API,
// and the dates of the move to RedNote are marked. Entering a key also signs the browser in,
// with the session cookie that Zeeschuimer's upload carries.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostInput, REPO_ROOT } from '@rift/core';
import { readZeeschuimerFile } from '@rift/ingest';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

const FIXTURES = path.join(REPO_ROOT, 'ingest/src/sources/zeeschuimer/fixtures');
const FILES = ['rednote-api', 'rednote-embedded', 'rednote-html', 'rednote-comments', 'tiktok-api', 'tiktok-embedded', 'tiktok-comments', 'douyin-api', 'douyin-embedded'];

let stack: TestStack | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  const extra: PostInput[] = [];
  for (const name of FILES) for await (const row of readZeeschuimerFile(path.join(FIXTURES, `${name}.ndjson`))) if ('post' in row) extra.push(row.post);
  stack = await startTestStack({ posts: 2000, extra });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface Trend {
  series: Array<{ key: string; points: Array<{ value: number; n: number }> }>;
}

async function trend(metric: string, from: string, to: string, copies = 'all'): Promise<Trend> {
  const res = await fetch(new URL(`/api/trends?metric=${metric}&group_by=source&granularity=week&from=${from}&to=${to}&copies=${copies}`, stack!.baseUrl));
  expect(res.status).toBe(200);
  return (await res.json()) as Trend;
}

describe('dashboard: where people talked', () => {
  it('shows posts and stance per platform as the API counts them, with the RedNote migration dates marked', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(new URL('/?granularity=week&from=2024-03-01&to=2025-01-31', stack!.baseUrl).toString());
      await page.waitForSelector('[data-testid="chart-platforms"][data-state="ready"]', { timeout: 30_000 });
      const from = '2024-03-01T00:00:00.000Z';
      const to = '2025-02-01T00:00:00.000Z';
      const total = (t: Trend, key: string) => t.series.find((s) => s.key === key)!.points.reduce((sum, p) => sum + p.n, 0);
      // All 15 fixture posts fall in the window.
      const everyCopy = await trend('volume', from, to);
      expect(['rednote', 'tiktok', 'douyin'].map((key) => total(everyCopy, key))).toEqual([8, 5, 2]);
      // The card counts copies as the page does: once, by default.
      const volume = await trend('volume', from, to, 'once');
      const oppose = await trend('stance_oppose_share', from, to, 'once');
      const posts = (key: string) => total(volume, key);
      expect(posts('demo')).toBeLessThan(total(everyCopy, 'demo'));

      for (const source of ['rednote', 'tiktok', 'douyin', 'demo']) {
        const row = page.locator(`[data-testid="platform-table"] tr[data-source="${source}"]`);
        expect(Number((await row.getByTestId('platform-posts').innerText()).replaceAll(',', ''))).toBe(posts(source));
        const points = oppose.series.find((s) => s.key === source)!.points;
        const n = points.reduce((sum, p) => sum + p.n, 0);
        const share = points.reduce((sum, p) => sum + p.value * p.n, 0) / n;
        expect(await row.getByTestId('platform-oppose').innerText()).toBe(`${Math.round(share * 100)}% (n = ${n.toLocaleString('en-US')})`);
      }
      const dates = await page.getByTestId('migration-date').allInnerTexts();
      expect(dates.join('\n')).toMatch(/RedNote reaches #1 in the US App Store/);
      expect(dates.join('\n')).toMatch(/TikTok goes dark in the US/);
      // One dashed line per migration date on each of the two charts.
      expect(await page.locator('#chart-platforms .migration-marker').count()).toBe(2 * dates.length);
      expect(await page.locator('#chart-platforms .recharts-line').count()).toBeGreaterThanOrEqual(8);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('signs the browser in when a key is entered, with an HttpOnly cookie for the API', async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    try {
      await page.goto(new URL('/alerts', stack!.baseUrl).toString());
      // The alerts page's own key form (the first on the page).
      await page.locator('input[name="api-key"]').first().fill(await stack!.createKey('analyst'));
      await page.getByRole('button', { name: 'Use key' }).first().click();
      await page.getByTestId('browser-signed-in').waitFor({ timeout: 10_000 });
      const cookies = await context.cookies(`${stack!.baseUrl}/api/`);
      expect(cookies).toEqual([expect.objectContaining({ name: 'rift_session', path: '/api', httpOnly: true, sameSite: 'Lax' })]);
      // The page cannot read it; the upload routes accept it.
      expect(await page.evaluate('document.cookie')).toBe('');
      const status = await page.evaluate("fetch('/api/check-query/?key=000000000000000000000000').then((r) => r.status)");
      expect(status).toBe(404);
      await page.getByRole('button', { name: 'Forget key' }).first().click();
      await expect.poll(async () => (await context.cookies(`${stack!.baseUrl}/api/`)).length).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);
});
