// "The divide" in a real browser (Debian chromium via playwright-core) against a real stack:
// Redis, ClickHouse, the workers and the API serving the built dashboard.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = path.join(ROOT, 'docs/screenshots/divide.png');
const RENDER_TIMEOUT = 30_000;

interface Summary {
  posts: number;
  synthetic_posts: number;
}

let stack: { baseUrl: string; close(): Promise<void> } | undefined;
let browser: Browser | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dashboard/dist/index.html'))) {
    throw new Error('The dashboard is not built: run `npm run build -w dashboard` (npm test does it for you).');
  }
  stack = await startTestStack();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

function url(pathAndQuery: string): string {
  return new URL(pathAndQuery, stack!.baseUrl).toString();
}

async function openPage(pathAndQuery: string): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url(pathAndQuery));
  return page;
}

async function chartState(page: Page, id: string, state: 'ready' | 'error') {
  await page.waitForSelector(`#${id}[data-state="${state}"]`, { timeout: RENDER_TIMEOUT });
}

/** The `d` attribute of one series' line in a chart, or null when it is not drawn. */
async function linePath(page: Page, chartId: string, seriesKey: string): Promise<string | null> {
  const path = page.locator(`#${chartId} .series-${seriesKey} path.recharts-line-curve`).first();
  await path.waitFor({ state: 'attached', timeout: RENDER_TIMEOUT });
  return path.getAttribute('d');
}

describe('dashboard: the divide', () => {
  it('charts public vs US government stance over time, with the events marked', async () => {
    const page = await openPage('/');
    try {
      await chartState(page, 'chart-stance', 'ready');

      for (const key of ['public', 'us_government']) {
        const d = await linePath(page, 'chart-stance', key);
        // A drawn line: a move-to followed by at least one line-to.
        expect(d, `stance line for ${key}`).toMatch(/^M[-\d.e]+,[-\d.e]+L[-\d.e]+,[-\d.e]+/);
      }
      expect(await page.locator('#chart-stance .event-marker').count()).toBeGreaterThan(0);
      expect(await page.locator('#chart-stance .event-marker-label').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="event-list"] li').count()).toBeGreaterThan(0);

      // The metric's definition from the API and the n behind the chart are stated.
      const about = await page.locator('#chart-stance .about-chart').innerText();
      expect(about).toContain('oppose_ban');
      expect(about).toMatch(/n = [\d,]+ posts/);

      // The view is in the URL, so the link reopens it.
      expect(new URL(page.url()).searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new URL(page.url()).searchParams.get('to')).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      // The sentiment and volume charts render too.
      await chartState(page, 'chart-sentiment', 'ready');
      await chartState(page, 'chart-volume', 'ready');
      expect(await linePath(page, 'chart-sentiment', 'public')).toMatch(/^M/);

      // Synthetic data says so, loudly; real data carries no such banner.
      const summary = (await (await fetch(url('/api/summary'))).json()) as Summary;
      const banner = page.getByTestId('synthetic-banner');
      if (summary.synthetic_posts > 0) {
        expect(await banner.isVisible()).toBe(true);
        expect(await banner.innerText()).toMatch(/not real posts|not real/);
      } else {
        expect(await banner.count()).toBe(0);
      }

      // Each point carries its n: hovering the plot shows it in the tooltip.
      await page.locator('#chart-stance .recharts-surface').first().scrollIntoViewIfNeeded();
      const plot = await page.locator('#chart-stance .recharts-surface').first().boundingBox();
      expect(plot).not.toBeNull();
      await page.mouse.move(plot!.x + plot!.width * 0.5, plot!.y + plot!.height * 0.5);
      const tooltip = page.locator('#chart-stance .chart-tooltip');
      await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
      expect(await tooltip.innerText()).toMatch(/Public[\s\S]*\d/);
      await page.mouse.move(0, 0);

      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('keeps the granularity in the URL across a reload', async () => {
    const page = await openPage('/');
    try {
      await chartState(page, 'chart-stance', 'ready');
      await page.getByLabel('Points per').selectOption('day');
      await page.waitForURL(/granularity=day/, { timeout: RENDER_TIMEOUT });
      await chartState(page, 'chart-stance', 'ready');
      await page.reload();
      await chartState(page, 'chart-stance', 'ready');
      expect(await page.getByLabel('Points per').inputValue()).toBe('day');
    } finally {
      await page.close();
    }
  }, 90_000);

  it("shows the API's error with a retry button for an impossible date range", async () => {
    const page = await openPage('/?granularity=week&from=2025-06-01&to=2024-01-01');
    try {
      await chartState(page, 'chart-stance', 'error');
      const alert = page.locator('#chart-stance [role="alert"]');
      expect(await alert.innerText()).toMatch(/Could not load/);
      expect(await alert.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('recovers with the retry button once the API answers again', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const failStance = '**/api/trends?*metric=stance_oppose_share*';
      await page.route(failStance, (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: 'Service Unavailable', message: 'ClickHouse is not answering (simulated)' }),
        }),
      );
      await page.goto(url('/'));
      await chartState(page, 'chart-stance', 'error');
      expect(await page.locator('#chart-stance [role="alert"]').innerText()).toContain('simulated');

      await page.unroute(failStance);
      await page.locator('#chart-stance').getByRole('button', { name: 'Retry' }).click();
      await chartState(page, 'chart-stance', 'ready');
      expect(await linePath(page, 'chart-stance', 'public')).toMatch(/^M/);
    } finally {
      await page.close();
    }
  }, 60_000);
});
