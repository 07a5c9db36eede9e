// The Explorer offers what the API offers (from its OpenAPI document), hourly buckets for short
// windows, pickers for labelled filters, the timeline's events, and says when it changed the URL.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

let stack: TestStack | undefined;
let browser: Browser | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ posts: 3000 });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface Param {
  name: string;
  in: string;
  schema?: { enum?: string[] };
}

async function trendParams(): Promise<Param[]> {
  const doc = (await (await fetch(new URL('/api/docs/json', stack!.baseUrl))).json()) as { paths: Record<string, { get: { parameters: Param[] } }> };
  return doc.paths['/api/trends']!.get.parameters;
}

const options = (page: Page, select: string) => page.locator(`${select} option`).evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));

async function open(page: Page, path: string): Promise<void> {
  await page.goto(new URL(path, stack!.baseUrl).toString());
  await page.waitForSelector('#explorer-chart[data-state="ready"]', { timeout: 30_000 });
}

describe('Explorer: complete', () => {
  it('offers every metric, grouping and bucket size of the API, and pickers for labelled filters', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      const params = await trendParams();
      const enumOf = (name: string) => params.find((p) => p.name === name)!.schema!.enum!;
      await open(page, '/explore');
      expect(await options(page, '#ex-metric')).toEqual(enumOf('metric'));
      expect(await options(page, '#ex-group')).toEqual(enumOf('group_by'));
      expect(await options(page, '#ex-group')).toEqual(expect.arrayContaining(['sentiment', 'none']));
      expect(await options(page, '#ex-granularity')).toEqual(['hour', 'day', 'week']);
      expect((await options(page, '#ex-actor'))[0]).toBe('');
      expect((await options(page, '#ex-actor')).slice(1)).toEqual(expect.arrayContaining(['public', 'us_government']));
      expect((await options(page, '#ex-stance')).slice(1)).toEqual(expect.arrayContaining(['oppose_ban', 'support_ban']));
      expect(await page.locator('#ex-sentiment').count()).toBe(1);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('draws hourly buckets for a short window, grouped by sentiment, with the events of the window', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/trends?')) asked.push(r.url());
    });
    try {
      await open(page, '/explore?metric=volume&group_by=sentiment&granularity=hour&from=2025-01-18&to=2025-01-20');
      expect(await page.getByTestId('explorer-url-notes').count()).toBe(0);
      expect(await page.locator('#ex-granularity').inputValue()).toBe('hour');
      expect(asked.some((u) => new URL(u).searchParams.get('granularity') === 'hour' && new URL(u).searchParams.get('group_by') === 'sentiment')).toBe(true);
      expect(await page.locator('#explorer-chart').innerText()).toMatch(/one point per hour/);
      // 19 January 2025 (TikTok goes dark) is in the pack's timeline.
      expect(await page.locator('#explorer-chart .event-marker').count()).toBeGreaterThan(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('says so when it ignores or changes a URL parameter', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await open(page, '/explore?metric=bogus&group_by=actor&granularity=hour&from=2024-03-01&to=2025-12-31');
      const notes = await page.getByTestId('explorer-url-notes').innerText();
      expect(notes).toMatch(/metric=bogus is not offered by the API .*: showing volume\./);
      expect(notes).toMatch(/granularity=hour needs a window of at most 92 days .*: showing one point per day\./);
      expect(await page.locator('#ex-metric').inputValue()).toBe('volume');
      expect(await page.locator('#ex-granularity').inputValue()).toBe('day');
      // Once the user picks something, the URL holds a drawable view and the note goes.
      await page.selectOption('#ex-group', 'stance');
      await page.waitForSelector('#explorer-chart[data-state="ready"]');
      expect(await page.getByTestId('explorer-url-notes').count()).toBe(0);
      expect(new URL(page.url()).searchParams.get('metric')).toBe('volume');
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
