// Gaps in collection in a real browser against a real stack: a source that fell silent for a day
// and then failed (a failed run recorded as its runner records one) is shaded at the right place
// on the divide and Explorer charts, listed in "about this chart", and listed in the methodology
// sidecar that the export panel opens.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRunId, type PostInput, type SourceRun } from '@rift/core';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = path.join(ROOT, 'docs/screenshots/gaps.png');

const HOUR = 3_600_000;
const FIRST_HOUR = Date.parse('2025-03-03T00:00:00Z');
const SILENT = { from: '2025-03-05T04:00:00.000Z', to: '2025-03-06T04:00:00.000Z' };
const FAILING = { from: '2025-03-07T10:00:00.000Z', to: '2025-03-07T12:00:00.000Z' };

/** "gapsrc": three posts an hour for a week, except a silent day. */
function gapSourcePosts(): PostInput[] {
  const posts: PostInput[] = [];
  for (let hour = FIRST_HOUR; hour < FIRST_HOUR + 7 * 24 * HOUR; hour += HOUR) {
    if (hour >= Date.parse(SILENT.from) && hour < Date.parse(SILENT.to)) continue;
    for (let k = 0; k < 3; k++) {
      posts.push({
        source: 'gapsrc',
        id: `gapsrc-${hour}-${k}`,
        created_at: new Date(hour + k * 15 * 60_000).toISOString(),
        text: `The TikTok ban hearing, hour ${new Date(hour).toISOString().slice(0, 13)}, post ${k}`,
      });
    }
  }
  return posts;
}

/** Three failed runs of gapsrc in two consecutive hours, as the ingest worker records a failing poll. */
function failedRuns(): SourceRun[] {
  return ['2025-03-07T10:15:00Z', '2025-03-07T10:45:00Z', '2025-03-07T11:20:00Z'].map((at, i) => ({
    id: newRunId(),
    source: 'gapsrc',
    kind: 'poll',
    started_at: new Date(at),
    finished_at: new Date(Date.parse(at) + 20_000),
    posts_collected: 0,
    error: i === 2 ? 'HTTP 503 from gapsrc, third try' : 'HTTP 503 from gapsrc',
  }));
}

let stack: TestStack | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  stack = await startTestStack({ posts: 3000, extra: gapSourcePosts(), runs: failedRuns() });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** The window every view below uses: 1 to 12 March 2025 inclusive, i.e. [1 March, 13 March). */
const DOMAIN = [Date.parse('2025-03-01T00:00:00Z'), Date.parse('2025-03-13T00:00:00Z')] as const;

/** Where on the page a time falls on a chart's x axis: the plot spans the grid's width. */
async function expectedX(chart: Locator, ms: number): Promise<number> {
  const grid = (await chart.locator('.recharts-cartesian-grid').first().boundingBox())!;
  return grid.x + ((ms - DOMAIN[0]) / (DOMAIN[1] - DOMAIN[0])) * grid.width;
}

/** Each gapsrc band on the chart sits between the x positions of its span's ends. */
async function expectBands(chart: Locator): Promise<void> {
  for (const [reason, span] of [['no_posts', SILENT], ['failing', FAILING]] as const) {
    const band = chart.locator(`rect.gap-area[data-source="gapsrc"][data-reason="${reason}"]`);
    await expect.poll(() => band.count()).toBe(1);
    expect(await band.getAttribute('data-from')).toBe(span.from);
    const box = (await band.boundingBox())!;
    expect(box.x).toBeCloseTo(await expectedX(chart, Date.parse(span.from)), 0);
    expect(box.x + box.width).toBeCloseTo(await expectedX(chart, Date.parse(span.to)), 0);
    expect(await band.getAttribute('aria-label')).toMatch(reason === 'failing' ? /^gapsrc failing: / : /^No posts collected from gapsrc: /);
  }
}

async function expectListed(about: Locator): Promise<void> {
  const silent = about.locator(`.gap-list li[data-source="gapsrc"][data-reason="no_posts"]`);
  await expect.poll(() => silent.textContent()).toMatch(/^No posts collected from gapsrc: 5 Mar 2025, 04:00 to 6 Mar 2025, 04:00 UTC \(24 hours\); no posts stored where its usual pace predicts about 72\.$/);
  expect(await about.locator(`.gap-list li[data-source="gapsrc"][data-reason="failing"]`).textContent()).toBe(
    'gapsrc failing: 7 Mar 2025, 10:00 to 7 Mar 2025, 12:00 UTC (2 hours); 3 failed runs; last error: HTTP 503 from gapsrc, third try.',
  );
  expect(await about.locator('.gap-definition').textContent()).toMatch(/"no_posts": the source stored no post/);
}

const open = async (page: Page, path: string) => page.goto(new URL(path, stack!.baseUrl).toString());

describe('dashboard: gaps in collection', () => {
  it('shades the gaps at their hours on every divide chart, keys them and lists them in the about panels', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await open(page, '/?granularity=day&from=2025-03-01&to=2025-03-12');
      for (const id of ['chart-stance', 'chart-sentiment', 'chart-volume']) {
        const chart = page.locator(`[data-testid="${id}"]`);
        await page.waitForSelector(`[data-testid="${id}"][data-state="ready"]`, { timeout: 30_000 });
        await expectBands(chart);
        const legend = chart.getByRole('list', { name: 'Gaps in collection (shaded)' });
        await expect.poll(() => legend.textContent()).toContain('No posts collected from gapsrc (1 span)');
        expect(await legend.textContent()).toContain('gapsrc failing (1 span)');
        await expectListed(chart.locator('.about-chart'));
      }
    } finally {
      await page.close();
    }
  });

  it('shades them on an embedded chart too', async () => {
    const page = await browser!.newPage({ viewport: { width: 1000, height: 900 } });
    try {
      await open(page, '/embed/divide?metric=volume&granularity=day&from=2025-03-01&to=2025-03-12');
      await page.waitForSelector('[data-testid="embed-chart"][data-state="ready"]', { timeout: 30_000 });
      await expectBands(page.getByTestId('embed-chart'));
    } finally {
      await page.close();
    }
  });

  it('shades and lists the gaps of the filtered source on the Explorer chart', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 1350 } });
    try {
      await open(page, '/explore?metric=volume&group_by=source&granularity=day&from=2025-03-01&to=2025-03-12&source=gapsrc');
      await page.waitForSelector('#explorer-chart[data-state="ready"]', { timeout: 30_000 });
      const chart = page.locator('#explorer-chart');
      await expectBands(chart);
      await expectListed(page.getByTestId('explorer-about'));
      // Only the filtered source's gaps: the demo source's are not drawn here.
      expect(await chart.locator('rect.gap-area:not([data-source="gapsrc"])').count()).toBe(0);
      await page.screenshot({ path: SCREENSHOT, fullPage: false });
    } finally {
      await page.close();
    }
  });

  it("lists the gaps in the methodology sidecar opened from the export panel", async () => {
    const page = await browser!.newPage();
    try {
      await open(page, '/?granularity=day&from=2025-03-01&to=2025-03-12');
      await page.locator('[data-testid="export-panel"] summary').click();
      const [sidecar] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Methodology (JSON)' }).click()]);
      await sidecar.waitForLoadState();
      const methodology = JSON.parse((await sidecar.locator('body').textContent())!) as {
        gaps_window: { from: string; to: string };
        gaps: Array<Record<string, unknown>>;
        definitions: { gaps: string };
      };
      // The window runs over whole hours from the slice's first post to its last, inside the asked range.
      const { from, to } = methodology.gaps_window;
      for (const t of [from, to]) expect(t).toMatch(/T\d\d:00:00\.000Z$/);
      expect(from >= '2025-03-01T00:00:00.000Z' && from <= SILENT.from).toBe(true);
      expect(to >= FAILING.to && to <= '2025-03-13T00:00:00.000Z').toBe(true);
      expect(methodology.gaps.filter((g) => g.source === 'gapsrc')).toEqual([
        { source: 'gapsrc', ...SILENT, reason: 'no_posts', failed_runs: 0, last_error: null, expected_posts: 72 },
        { source: 'gapsrc', ...FAILING, reason: 'failing', failed_runs: 3, last_error: 'HTTP 503 from gapsrc, third try', expected_posts: null },
      ]);
      expect(methodology.definitions.gaps).toMatch(/no_posts/);
      await sidecar.close();
    } finally {
      await page.close();
    }
  });
});
