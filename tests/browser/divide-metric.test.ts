// The divide metric on "The divide" page, in a real browser against a real stack: the headline
// shows public minus US government with its 95% interval and each side's n, as /api/divide and
// the trend rollups count them, and turns grey with "too few posts" on a thin window. Its volume
// chart switches between counts and shares of the source's posts, labelled on the axis.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

let stack: TestStack | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  stack = await startTestStack({ posts: 4000 });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function api<T>(pathAndQuery: string): Promise<T> {
  const response = await fetch(new URL(pathAndQuery, stack!.baseUrl));
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

interface Divide {
  too_few: boolean;
  sides: Record<'public' | 'us_government', { n: number }>;
  oppose_share_diff: { value: number; ci95: [number, number] };
}

async function openHeadline(query: string): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(new URL(`/?${query}`, stack!.baseUrl).toString());
  await page.waitForSelector('[data-testid="divide-headline"][data-state="ready"]', { timeout: 30_000 });
  return page;
}

const count = (s: string) => Number(s.replaceAll(',', ''));

describe('dashboard: the divide metric', () => {
  it('shows the difference, its 95% interval and n per side for the window', async () => {
    const from = '2024-12-01T00:00:00.000Z';
    const to = '2025-03-01T00:00:00.000Z';
    const page = await openHeadline('granularity=week&from=2024-12-01&to=2025-02-28');
    try {
      const divide = await api<Divide>(`/api/divide?from=${from}&to=${to}`);
      expect(divide.too_few).toBe(false);
      // Every copy counted, the raw-post counts agree with the hourly rollups the charts draw; counted
      // once per copy cluster (the headline's default), with the trends read the same way.
      type Trend = { series: Array<{ key: string; points: Array<{ n: number }> }> };
      const everyCopy = await api<Divide>(`/api/divide?from=${from}&to=${to}&copies=all`);
      const trendUrl = `/api/trends?metric=volume&group_by=actor&granularity=day&from=${from}&to=${to}`;
      const trend = await api<Trend>(trendUrl);
      const trendOnce = await api<Trend>(`${trendUrl}&actor=public,us_government&copies=once`);
      const total = (t: Trend, side: string) => t.series.find((s) => s.key === side)!.points.reduce((sum, p) => sum + p.n, 0);
      for (const side of ['public', 'us_government'] as const) {
        expect(everyCopy.sides[side].n).toBe(total(trend, side));
        expect(divide.sides[side].n).toBe(total(trendOnce, side));
        expect(divide.sides[side].n).toBeLessThan(everyCopy.sides[side].n);
      }
      expect(await page.getByTestId('divide-copies').innerText()).toContain('Copies counted once');

      const headline = page.getByTestId('divide-headline');
      expect(await headline.locator('[data-too-few="false"]').count()).toBe(1);
      const nText = await page.getByTestId('divide-n').innerText();
      const [, pubN, govN] = nText.match(/n = ([\d,]+) public posts from [\d,]+ authors, ([\d,]+) US government/)!;
      expect(count(pubN!)).toBe(divide.sides.public.n);
      expect(count(govN!)).toBe(divide.sides.us_government.n);

      const stance = await page.getByTestId('divide-stance').innerText();
      const pts = (v: number) => `${v > 0.005 ? '+' : ''}${Math.round(v * 100)} pts`;
      expect(stance).toContain(pts(divide.oppose_share_diff.value));
      expect(stance).toContain(`95% interval ${pts(divide.oppose_share_diff.ci95[0])} to ${pts(divide.oppose_share_diff.ci95[1])}`);
      expect(await page.getByTestId('divide-sentiment').innerText()).toMatch(/95% interval [+−-]?\d\.\d\d to [+−-]?\d\.\d\d/);
    } finally {
      await page.close();
    }
  }, 45_000);

  it("switches the volume chart to shares of the source's posts, drawing the API's values", async () => {
    const page = await openHeadline('granularity=week&from=2024-12-01&to=2025-02-28');
    try {
      await page.waitForSelector('#chart-volume[data-state="ready"]', { timeout: 30_000 });
      expect(await page.locator('#chart-volume .volume-y-label').textContent()).toContain('Posts (count)');
      await page.getByLabel("share of the source's posts").check();
      await page.waitForURL(/volume=source_share/);
      await page.locator('#chart-volume .volume-y-label', { hasText: "Share of the source's posts" }).waitFor({ timeout: 30_000 });
      await page.waitForSelector('#chart-volume[data-state="ready"]', { timeout: 30_000 });
      expect(await page.locator('#chart-volume .about-chart').innerText()).toMatch(/divided by all posts from the same source/);

      // The tooltip of a bucket shows each actor's share and n of the denominator, as the API has them.
      const shares = await api<{ series: Array<{ key: string; points: Array<{ t: string; value: number; n: number; denominator: number }> }> }>(
        '/api/trends?metric=volume_share_of_source&group_by=actor&granularity=week&from=2024-12-01T00:00:00.000Z&to=2025-03-01T00:00:00.000Z',
      );
      const surface = page.locator('#chart-volume .recharts-surface').first();
      await surface.scrollIntoViewIfNeeded();
      const box = (await surface.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
      const tooltip = page.locator('#chart-volume .chart-tooltip');
      await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
      const ts = Number(await tooltip.getAttribute('data-ts'));
      const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
      let checked = 0;
      for (const s of shares.series) {
        const point = s.points.find((p) => Date.parse(p.t) === ts);
        if (!point) continue;
        const cells = await tooltip.locator(`tr[data-series="${s.key}"] td`).allInnerTexts();
        expect(cells[0]).toBe(percent.format(point.value));
        expect(cells[1]!.replaceAll(',', '')).toContain(`${point.n} of ${point.denominator}`);
        checked += 1;
      }
      expect(checked).toBeGreaterThan(1);
      // Every post has an actor class, so with no source filter the classes' shares add up to 100%.
      const total = shares.series.reduce((sum, s) => sum + (s.points.find((p) => Date.parse(p.t) === ts)?.value ?? 0), 0);
      expect(total).toBeCloseTo(1, 9);

      await page.reload();
      await page.waitForSelector('#chart-volume[data-state="ready"]', { timeout: 30_000 });
      expect(await page.getByLabel("share of the source's posts").isChecked()).toBe(true);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('greys the numbers and says "too few posts" when a side has under 30', async () => {
    const page = await openHeadline('granularity=day&from=2024-06-12&to=2024-06-12');
    try {
      const divide = await api<Divide>('/api/divide?from=2024-06-12T00:00:00.000Z&to=2024-06-13T00:00:00.000Z');
      expect(divide.too_few).toBe(true);
      const headline = page.getByTestId('divide-headline');
      expect(await headline.locator('.divide-too-few').count()).toBe(1);
      expect(await headline.innerText()).toMatch(/Too few authors: .*US government has \d+/);
      const grey = await headline.locator('.divide-value').first().evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).color);
      expect(grey).toBe('rgb(156, 163, 175)');
    } finally {
      await page.close();
    }
  }, 45_000);
});
