// Change points on the charts, in a real browser against a real stack: each series' change points
// as /api/trends finds them are drawn as markers at their dates, with their size, listed under
// the chart, and the method is stated in "about this chart".
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PostInput } from '@rift/core';
import { useStackAndBrowser } from './stack-and-browser.ts';

/** Short texts the analyzer labels oppose_ban; under 8 words, so no two count as copies. */
const OPPOSE = ['Do not ban TikTok, please', 'Keep TikTok alive #SaveTikTok', 'Stop the TikTok ban now', 'Hands off TikTok #SaveTikTok', 'The TikTok ban is unconstitutional'];

/**
 * Ten weeks of a wave of the public against the ban (from 2024-09-02, a quiet stretch of the
 * demo data), one post per author: a change of level the weekly series must show whatever the
 * stance model makes of the demo's own texts.
 */
function opposeWave(): PostInput[] {
  const start = Date.parse('2024-09-02T12:00:00Z');
  return Array.from({ length: 600 }, (_, i) => ({
    source: 'wave',
    id: `wave-${i}`,
    author: { handle: `wave${i}.example`, name: `Wave ${i}`, description: '', verified_domain: '' },
    created_at: new Date(start + Math.floor(i / 60) * 7 * 86_400_000 + (i % 60) * 3_600_000).toISOString(),
    text: OPPOSE[i % OPPOSE.length]!,
    lang_hint: 'en',
  }));
}

const env = useStackAndBrowser(() => ({ posts: 4000, extra: opposeWave() }));

interface Trend {
  change_point_method: string;
  series: Array<{ key: string; points: Array<{ t: string }>; change_points: Array<{ t: string; before: number; after: number; size: number }> }>;
}

async function trend(query: string): Promise<Trend> {
  const response = await fetch(new URL(`/api/trends?group_by=actor&granularity=week&from=2024-03-01T00:00:00.000Z&to=2025-07-01T00:00:00.000Z&${query}`, env.stack.baseUrl));
  expect(response.status).toBe(200);
  return (await response.json()) as Trend;
}

/** Every change point of the answer as "series@t", sorted. */
const fromApi = (t: Trend) => t.series.flatMap((s) => s.change_points.map((c) => `${s.key}@${c.t}`)).sort();

const drawn = (chart: Locator) =>
  chart.locator('[data-testid="change-point"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-series')}@${e.getAttribute('data-t')}`).sort());

/**
 * Each marker's centre is on the chart's x position of its date: that of the clickable points of
 * the same bucket (on the divide's charts only the public and government lines have them).
 */
async function expectAtTheirDates(chart: Locator, ts: string[]) {
  let checked = 0;
  for (const t of ts) {
    const point = chart.locator(`.point-hit[data-ts="${Date.parse(t)}"]`).first();
    if ((await point.count()) === 0) continue;
    const m = (await chart.locator(`[data-testid="change-point"][data-t="${t}"] path`).first().boundingBox())!;
    const p = (await point.boundingBox())!;
    expect(Math.abs(m.x + m.width / 2 - (p.x + p.width / 2)), t).toBeLessThan(1.5);
    checked += 1;
  }
  expect(checked).toBeGreaterThan(0);
}

const pts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const changeTimes = (t: Trend) => t.series.flatMap((s) => s.change_points.map((c) => c.t));

async function expectAbout(about: string, method: string) {
  expect(about).toContain('binary segmentation of the mean');
  expect(about).toContain('3·σ²·ln(n)');
  expect(about).toContain(method);
}

describe('dashboard: change points on the charts', () => {
  it("marks the API's change points on the divide's stance chart at their dates, with their size", async () => {
    const expected = await trend('metric=stance_oppose_share&unit=author&copies=once');
    expect(fromApi(expected).length).toBeGreaterThan(0);
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(new URL('/?granularity=week&from=2024-03-01&to=2025-06-30', env.stack.baseUrl).toString());
      const chart = page.locator('#chart-stance');
      await page.waitForSelector('#chart-stance[data-state="ready"] [data-testid="change-point"]', { state: 'attached', timeout: 30_000 });
      expect(await drawn(chart)).toEqual(fromApi(expected));
      await expectAtTheirDates(chart, changeTimes(expected));

      // Each marker says its size in points; the list under the chart gives the date and both levels.
      const first = expected.series.flatMap((s) => s.change_points.map((c) => ({ ...c, key: s.key }))).sort((a, b) => a.t.localeCompare(b.t))[0]!;
      const label = await chart.locator(`[data-testid="change-point"][data-t="${first.t}"][data-series="${first.key}"] text`).textContent();
      expect(label).toBe(`${pts.format(first.size * 100)} pts`);
      const listed = await chart.locator(`.change-point-list li[data-t="${first.t}"][data-series="${first.key}"]`).innerText();
      const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(first.t));
      expect(listed).toContain(`week of ${day}`);
      expect(listed).toContain(`level from ${percent.format(first.before)} to ${percent.format(first.after)}`);
      await expectAbout(await chart.locator('.about-chart').innerText(), expected.change_point_method);

      // Counted every copy, the chart shows that answer's change points.
      const everyCopy = await trend('metric=stance_oppose_share&unit=author');
      await page.getByLabel('every copy', { exact: true }).check();
      await page.waitForURL(/copies=all/);
      await expect.poll(() => drawn(chart), { timeout: 30_000 }).toEqual(fromApi(everyCopy));
    } finally {
      await page.close();
    }
  }, 90_000);

  it("marks them on the Explorer's chart too", async () => {
    const expected = await trend('metric=stance_oppose_share');
    expect(fromApi(expected).length).toBeGreaterThan(0);
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(new URL('/explore?metric=stance_oppose_share&group_by=actor&granularity=week&from=2024-03-01&to=2025-06-30', env.stack.baseUrl).toString());
      const chart = page.locator('#explorer-chart');
      await page.waitForSelector('#explorer-chart[data-state="ready"] [data-testid="change-point"]', { state: 'attached', timeout: 30_000 });
      expect(await drawn(chart)).toEqual(fromApi(expected));
      await expectAtTheirDates(chart, changeTimes(expected));
      expect(await chart.locator('.change-point-list li').count()).toBe(fromApi(expected).length);
      await expectAbout(await page.getByTestId('explorer-about').innerText(), expected.change_point_method);
    } finally {
      await page.close();
    }
  }, 60_000);
});
