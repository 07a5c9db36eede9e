// Copies counted once on the charts, in a real browser against a real stack: the divide page's
// charts follow its copies switch (once by default, as the headline), the Explorer has a switch of
// its own (every copy by default); each choice draws the API's values for it, goes to the URL,
// survives a reload and is stated once in "about this chart".
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useStackAndBrowser } from './stack-and-browser.ts';

const env = useStackAndBrowser({ posts: 4000 });

interface Trend {
  unit: string;
  copies: string;
  series: Array<{ key: string; points: Array<{ t: string; value: number }> }>;
}

const WINDOW = 'granularity=week&from=2024-12-01T00:00:00.000Z&to=2025-03-01T00:00:00.000Z';

async function trend(query: string): Promise<Trend> {
  const response = await fetch(new URL(`/api/trends?group_by=actor&${WINDOW}&${query}`, env.stack.baseUrl));
  expect(response.status).toBe(200);
  return (await response.json()) as Trend;
}

/** A series' points as "ts=value" (rounded), the form both the API's answer and the plot are read in. */
const fromApi = (t: Trend, key: string) => t.series.find((s) => s.key === key)!.points.map((p) => `${Date.parse(p.t)}=${p.value.toFixed(6)}`);

/** The values the chart plotted for a series: each point's click target carries its bucket and value. */
const plotted = (chart: Locator, key: string) =>
  chart.locator(`.point-hit[data-series="${key}"]`).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-ts')}=${Number(e.getAttribute('data-value')).toFixed(6)}`));

async function expectPlotted(chart: Locator, key: string, expected: Trend) {
  await expect.poll(() => plotted(chart, key), { timeout: 30_000 }).toEqual(fromApi(expected, key));
}

async function ready(page: Page, selector: string) {
  await page.waitForSelector(`${selector}[data-state="ready"] .recharts-surface`, { timeout: 30_000 });
}

describe('dashboard: charts count copies once when asked', () => {
  it("draws the divide page's charts with its copies switch, once by default, and after a reload", async () => {
    const once = await trend('metric=stance_oppose_share&unit=author&copies=once');
    const all = await trend('metric=stance_oppose_share&unit=author');
    const sentimentOnce = await trend('metric=sentiment_mean&unit=author&copies=once');
    const sentimentAll = await trend('metric=sentiment_mean&unit=author');
    // The demo corpus repeats its template texts, so counting them once moves the public's line.
    expect(fromApi(once, 'public')).not.toEqual(fromApi(all, 'public'));

    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(new URL('/?granularity=week&from=2024-12-01&to=2025-02-28', env.stack.baseUrl).toString());
      const stance = page.locator('#chart-stance');
      const sentiment = page.locator('#chart-sentiment');
      await ready(page, '#chart-stance');
      await expectPlotted(stance, 'public', once);
      await expectPlotted(stance, 'us_government', once);
      await expectPlotted(sentiment, 'public', sentimentOnce);
      expect(await stance.locator('h2').innerText()).toContain('per author, copies once');
      expect(await page.locator('#chart-volume h2').innerText()).toContain('copies once');

      await page.getByLabel('every copy', { exact: true }).check();
      await page.waitForURL(/copies=all/);
      await expectPlotted(stance, 'public', all);
      await expectPlotted(sentiment, 'public', sentimentAll);
      expect(await stance.locator('h2').innerText()).toContain('per author, every copy');
      expect(await stance.locator('.about-chart').innerText()).toContain('Every copy counted');

      await page.reload();
      await ready(page, '#chart-stance');
      await expectPlotted(stance, 'public', all);
      expect(await page.getByLabel('every copy', { exact: true }).isChecked()).toBe(true);

      // Per post too: the charts follow the unit switch with the copies switch.
      await page.getByLabel('copies once', { exact: true }).check();
      await page.getByLabel('per post', { exact: true }).check();
      await page.waitForURL((url) => url.searchParams.get('unit') === 'post' && !url.searchParams.has('copies'));
      await expectPlotted(stance, 'public', await trend('metric=stance_oppose_share&copies=once'));
    } finally {
      await page.close();
    }
  }, 90_000);

  it("says per author and copies once a single time in the divide chart's about panel", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(new URL('/?granularity=week&from=2024-12-01&to=2025-02-28', env.stack.baseUrl).toString());
      await ready(page, '#chart-stance');
      const about = await page.locator('#chart-stance .about-chart').innerText();
      expect(about.match(/averaged first/g)).toHaveLength(1);
      expect(about.match(/each copy cluster of the window counts once/g)).toHaveLength(1);
      expect(about).not.toContain('Every copy counted');

      await page.getByLabel('per post', { exact: true }).check();
      await page.getByLabel('every copy', { exact: true }).check();
      await page.waitForURL((url) => url.searchParams.get('unit') === 'post' && url.searchParams.get('copies') === 'all');
      await page.locator('#chart-stance .about-counting', { hasText: 'Every copy counted' }).waitFor({ timeout: 30_000 });
      const perPost = await page.locator('#chart-stance .about-chart').innerText();
      expect(perPost.match(/Per post: every post counts once/g)).toHaveLength(1);
      expect(perPost).not.toContain('averaged first');
    } finally {
      await page.close();
    }
  }, 60_000);

  it('gives the Explorer a copies switch, every copy by default, in the URL and its about panel', async () => {
    const all = await trend('metric=stance_oppose_share');
    const once = await trend('metric=stance_oppose_share&copies=once');
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(new URL('/explore?metric=stance_oppose_share&group_by=actor&granularity=week&from=2024-12-01&to=2025-02-28', env.stack.baseUrl).toString());
      const chart = page.locator('#explorer-chart');
      await ready(page, '#explorer-chart');
      expect(await page.locator('#ex-copies').inputValue()).toBe('all');
      await expectPlotted(chart, 'public', all);
      expect(await page.getByTestId('explorer-about').innerText()).toContain('Every copy counted');

      const answer = page.waitForResponse((r) => r.url().includes('/api/trends') && r.url().includes('copies=once'));
      await page.selectOption('#ex-copies', 'once');
      expect(((await (await answer).json()) as Trend).copies).toBe('once');
      await page.waitForURL(/copies=once/);
      await expectPlotted(chart, 'public', once);
      await expectPlotted(chart, 'media', once);
      const about = await page.getByTestId('explorer-about').innerText();
      expect(about).toContain('Copies counted once (copies=once)');
      expect(about).not.toContain('Every copy counted');
      expect(await chart.locator('.explorer-y-label').textContent()).toContain('copies once');
      // The slice it exports counts copies once too.
      expect(await page.getByRole('link', { name: 'Export these posts (CSV)' }).getAttribute('href')).toContain('copies=once');

      await page.reload();
      await ready(page, '#explorer-chart');
      expect(await page.locator('#ex-copies').inputValue()).toBe('once');
      await expectPlotted(chart, 'public', once);
    } finally {
      await page.close();
    }
  }, 60_000);
});
