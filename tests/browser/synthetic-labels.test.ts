// Synthetic labels that describe what is on screen: a real browser against a real stack holding
// the synthetic demo corpus (2024-2025) and a researcher's real posts from 2018 and 2025.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostInput } from '@rift/core';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

let stack: TestStack | undefined;
let browser: Browser | undefined;
const pageErrors: string[] = [];

/** Real posts (synthetic: false) from a file import: 2018 and January 2025. */
function realPosts(): PostInput[] {
  const days = ['2018-03-05', '2018-03-12', '2018-03-19', '2025-01-13', '2025-01-14'];
  return days.flatMap((day, d) =>
    [0, 1, 2, 3].map((k) => ({
      source: 'tweets',
      id: `real-${d}-${k}`,
      created_at: `${day}T1${k}:00:00Z`,
      text: k % 2 ? 'I oppose the TikTok ban, it is censorship' : 'The TikTok ban protects national security',
      author: { handle: `person${k}` },
      synthetic: false,
    })),
  );
}

beforeAll(async () => {
  stack = await startTestStack({ posts: 3000, extra: realPosts() });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function open(page: Page, path: string, ready: string): Promise<void> {
  await page.goto(new URL(path, stack!.baseUrl).toString());
  await page.waitForSelector(ready, { state: 'attached', timeout: 30_000 });
}

const badges = (page: Page) => page.locator('.chart-card .synthetic-badge').allInnerTexts();

describe('synthetic labels follow the window and the slice', () => {
  it('a 2018 window of real posts carries no synthetic label anywhere, though the store holds synthetic posts', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await open(page, '/?granularity=week&from=2018-03-01&to=2018-03-31', '#chart-volume[data-state="ready"] .recharts-surface');
      await page.waitForSelector('[data-testid="divide-composition"]');
      expect(await page.getByTestId('synthetic-banner').count()).toBe(0);
      expect(await badges(page)).toEqual([]);
      expect(await page.getByTestId('window-sources').innerText()).toBe('Sources in this window: tweets.');
      expect(await page.getByTestId('divide-composition').innerText()).toBe('n = 12 posts, none synthetic.');

      await open(page, '/embed/divide?metric=volume&granularity=week&from=2018-03-01&to=2018-03-31', '#embed-chart[data-state="ready"] .recharts-surface');
      expect(await page.locator('#embed-chart .synthetic-badge').count()).toBe(0);

      await open(page, '/explore?metric=volume&group_by=actor&granularity=week&from=2018-03-01&to=2018-03-31', '[data-testid="explorer-composition"]');
      expect(await page.getByTestId('explorer-composition').innerText()).toMatch(/^\s*n = 12 posts, none synthetic\. Sources: tweets\.$/);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('a mixed window says how much is synthetic, and one switch hides it everywhere', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await open(page, '/?granularity=week&from=2025-01-06&to=2025-01-19', '#chart-volume[data-state="ready"] .recharts-surface');
      const banner = page.getByTestId('synthetic-banner');
      await banner.waitFor();
      expect(await banner.getAttribute('data-kind')).toBe('partly');
      expect(await banner.innerText()).toMatch(/Partly synthetic data: \d+% of these posts are not real/);
      expect(await badges(page)).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+% synthetic$/i)]));
      expect(await page.getByTestId('window-sources').innerText()).toBe('Sources in this window: demo, tweets.');

      await page.getByLabel('Hide synthetic posts').check();
      // Polled through locators: a string predicate is evaluated with eval, which the page's CSP forbids.
      // Every chart card (the three trend charts and where people talked) has redrawn.
      const allReady = async () => {
        const cards = await page.locator('.chart-card').count();
        return cards >= 3 && cards === (await page.locator('.chart-card[data-state="ready"]').count());
      };
      await expect.poll(allReady, { timeout: 30_000 }).toBe(true);
      await expect.poll(() => page.getByTestId('window-sources').textContent(), { timeout: 30_000 }).toBe('Sources in this window: tweets.');
      expect(new URL(page.url()).searchParams.get('synthetic')).toBe('exclude');
      expect(await banner.count()).toBe(0);
      expect(await badges(page)).toEqual([]);
      await page.waitForSelector('[data-testid="divide-composition"]');
      expect(await page.getByTestId('divide-composition').innerText()).toBe('n = 8 posts, none synthetic.');
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('a window of demo posts only is badged synthetic on every chart, the Explorer and the exported image', async () => {
    const page = await browser!.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await open(page, '/?granularity=week&from=2024-06-03&to=2024-09-01', '#chart-stance[data-state="ready"] .recharts-line-curve');
      await expect.poll(() => page.locator('.chart-card .synthetic-badge').count(), { timeout: 30_000 }).toBe(3);
      expect(await badges(page)).toEqual(['Synthetic demo data', 'Synthetic demo data', 'Synthetic demo data'].map((b) => expect.stringMatching(new RegExp(b, 'i'))));
      expect(await page.getByTestId('synthetic-banner').getAttribute('data-kind')).toBe('all');
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('#chart-stance .chart-publish').getByRole('button', { name: 'SVG' }).click(),
      ]);
      const { readFile } = await import('node:fs/promises');
      const svg = (await readFile((await file.path())!)).toString('utf8');
      expect(svg).toMatch(/n = [\d,]+ posts, all synthetic demo data \(not real posts\)\./);

      await open(page, '/explore?metric=volume&group_by=actor&granularity=week&from=2024-06-03&to=2024-09-01', '[data-testid="explorer-composition"]');
      expect(await page.locator('[data-testid="explorer-composition"] .synthetic-badge').innerText()).toMatch(/synthetic demo data/i);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe('axes and lines that do not mislead', () => {
  it('breaks lines across years without posts, keeps sentiment symmetric around 0 and counts from 0', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      // Real posts only: March 2018, then nothing until January 2025.
      await open(page, '/?granularity=week&from=2018-03-01&to=2025-01-19&synthetic=exclude', '#chart-stance[data-state="ready"] .recharts-line-curve');
      await page.waitForSelector('#chart-sentiment[data-state="ready"] .recharts-line-curve', { state: 'attached' });
      await page.waitForSelector('#chart-volume[data-state="ready"] .recharts-surface', { state: 'attached' });
      const d = await page.locator('#chart-stance .series-public path.recharts-line-curve').first().getAttribute('d');
      // One segment per run of weeks with posts: the silence is not drawn as a line.
      expect(d!.match(/M/g)!.length).toBeGreaterThanOrEqual(2);

      const ticks = (chart: string) => page.locator(`#${chart} .recharts-yAxis-tick-labels text`).allTextContents();
      const sentiment = await ticks('chart-sentiment');
      expect(Number(sentiment[Math.floor(sentiment.length / 2)])).toBe(0);
      expect(sentiment.length % 2).toBe(1);
      expect(sentiment[0]!.replace('−', '-')).toBe(`-${sentiment.at(-1)!.replace('+', '')}`);
      expect((await ticks('chart-volume'))[0]).toBe('0');
      expect(await ticks('chart-stance')).toEqual(['0%', '25%', '50%', '75%', '100%']);

      // The time axis ticks fall on the first of January.
      const xTicks = await page.locator('#chart-stance .recharts-xAxis-tick-labels text').allTextContents();
      expect(xTicks.every((t) => /^Jan \d{4}$/.test(t)), xTicks.join(' | ')).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
