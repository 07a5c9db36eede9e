// The window "The divide" opens on: the topic pack's period (not the whole stored range, which an
// import of old posts would stretch), stated above the charts, with the whole range one click
// away; every change is kept in the URL. Without a pack period: the last 6 months of data.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTopicPack, type PostInput, REPO_ROOT } from '@rift/core';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

let withPeriod: TestStack | undefined;
let withoutPeriod: TestStack | undefined;
let browser: Browser | undefined;
const pageErrors: string[] = [];

/** A researcher's import of 2018 posts: before it, the store began in March 2024. */
const oldPosts: PostInput[] = [0, 1, 2].map((k) => ({
  source: 'tweets',
  id: `old-${k}`,
  created_at: `2018-03-0${k + 5}T12:00:00Z`,
  text: 'I oppose the TikTok ban',
  author: { handle: `person${k}` },
  synthetic: false,
}));

beforeAll(async () => {
  withPeriod = await startTestStack({ posts: 1500, extra: oldPosts });
  // The daylight-saving pack declares no period.
  withoutPeriod = await startTestStack({ posts: 300, apiPack: loadTopicPack(path.join(REPO_ROOT, 'core/packs/daylight-saving.json')) });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await withPeriod?.close();
  await withoutPeriod?.close();
});

async function open(stack: TestStack, pathAndQuery: string): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(new URL(pathAndQuery, stack.baseUrl).toString());
  await page.waitForSelector('#chart-stance[data-state="ready"]', { timeout: 30_000 });
  return page;
}

const dates = (page: Page) => {
  const params = new URL(page.url()).searchParams;
  return [params.get('from'), params.get('to')];
};
const note = (page: Page) => page.getByTestId('window-note');

async function storedRange(stack: TestStack): Promise<[string, string]> {
  const summary = (await (await fetch(new URL('/api/summary', stack.baseUrl))).json()) as { first: string; last: string };
  return [summary.first.slice(0, 10), summary.last.slice(0, 10)];
}

describe("the divide's default window", () => {
  it("opens on the pack's period, says so, and keeps the whole range or a chosen one in the URL", async () => {
    const [first, last] = await storedRange(withPeriod!);
    expect(first).toBe('2018-03-05');
    const page = await open(withPeriod!, '/');
    try {
      await expect.poll(() => dates(page)).toEqual(['2024-03-01', '2025-06-30']);
      expect(await note(page).getAttribute('data-kind')).toBe('pack');
      expect(await note(page).innerText()).toMatch(/^Showing the topic pack's period, 1 Mar 2024 to 30 Jun 2025\. /);
      // Widened to whole weeks, Monday to Sunday, as the chart's points are weekly.
      expect(await page.locator('#chart-stance .about-chart').innerText()).toContain('Window: 26 Feb 2024 to 6 Jul 2025 (UTC)');

      await note(page).getByRole('button', { name: /^Show all stored data/ }).click();
      await expect.poll(() => dates(page)).toEqual([first, last]);
      expect(await note(page).getAttribute('data-kind')).toBe('all');
      await page.waitForSelector('#chart-stance[data-state="ready"]');
      expect(await page.locator('#chart-stance .about-chart').innerText()).toContain('Window: 5 Mar 2018');

      // The link reopens the whole range: it is not replaced by the default again.
      await page.reload();
      await page.waitForSelector('#chart-stance[data-state="ready"]', { timeout: 30_000 });
      expect(dates(page)).toEqual([first, last]);
      expect(await note(page).getAttribute('data-kind')).toBe('all');

      await page.locator('#range-from').fill('2024-06-03');
      await page.locator('#range-to').fill('2024-09-01');
      await page.getByRole('button', { name: 'Apply dates' }).click();
      await expect.poll(() => dates(page)).toEqual(['2024-06-03', '2024-09-01']);
      expect(await note(page).innerText()).toMatch(/^Showing 3 Jun 2024 to 1 Sept? 2024, as chosen\./);

      await note(page).getByRole('button', { name: "Show the topic pack's period" }).click();
      await expect.poll(() => dates(page)).toEqual(['2024-03-01', '2025-06-30']);
      expect(await note(page).getAttribute('data-kind')).toBe('pack');
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('opens an embed without dates on the same window', async () => {
    const page = await browser!.newPage({ viewport: { width: 800, height: 600 } });
    try {
      await page.goto(new URL('/embed/divide?metric=volume', withPeriod!.baseUrl).toString());
      await page.waitForSelector('#embed-chart[data-state="ready"]', { timeout: 30_000 });
      expect(await page.locator('#embed-chart .about-chart').innerText()).toContain('Window: 26 Feb 2024 to 6 Jul 2025 (UTC)');
      const full = new URL((await page.getByRole('link', { name: 'Open the full, interactive view' }).getAttribute('href'))!, withPeriod!.baseUrl);
      expect([full.searchParams.get('from'), full.searchParams.get('to')]).toEqual(['2024-03-01', '2025-06-30']);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('opens the Explorer on the same window, says so, and asks for no chart of another window first', async () => {
    const [first, last] = await storedRange(withPeriod!);
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/trends?')) asked.push(r.url());
    });
    try {
      await page.goto(new URL('/explore', withPeriod!.baseUrl).toString());
      await page.waitForSelector('[data-testid="explorer-composition"]', { timeout: 30_000 });
      expect(dates(page)).toEqual(['2024-03-01', '2025-06-30']);
      expect(await note(page).getAttribute('data-kind')).toBe('pack');
      expect(asked.length).toBeGreaterThan(0);
      for (const url of asked) expect(new URL(url).searchParams.get('from')).toBe('2024-03-01T00:00:00.000Z');

      await note(page).getByRole('button', { name: /^Show all stored data/ }).click();
      await expect.poll(() => dates(page)).toEqual([first, last]);
      expect(await note(page).getAttribute('data-kind')).toBe('all');
      expect(await page.locator('#ex-from').inputValue()).toBe(first);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('opens on the last 6 months of stored data when the pack declares no period', async () => {
    const [, last] = await storedRange(withoutPeriod!);
    const [year, month] = last.split('-').map(Number) as [number, number];
    const sixMonthsBack = new Date(Date.UTC(year, month - 6, 1)).toISOString().slice(0, 10);
    const page = await open(withoutPeriod!, '/');
    try {
      await expect.poll(() => dates(page)).toEqual([sixMonthsBack, last]);
      expect(await note(page).getAttribute('data-kind')).toBe('recent');
      expect(await note(page).innerText()).toMatch(/^Showing the last 6 months of stored data, 1 [A-Z][a-z]+ \d{4} to /);
      expect(await note(page).getByRole('button', { name: /^Show all stored data/ }).isVisible()).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
