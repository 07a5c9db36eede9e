// Saved views in a real browser against a real stack: filters set in the Explorer are saved
// under a name (with a viewer key typed into the key form), listed on /views, reopened with the
// same URL and chart (as /api/trends answers for those filters), kept on reload, and deleted
// (which needs an analyst key) from the list and from the API.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = path.join(ROOT, 'docs/screenshots/saved-views.png');

interface SavedView {
  id: string;
  name: string;
  page: string;
  params: Record<string, string>;
  url: string;
}

let stack: TestStack | undefined;
let browser: Browser | undefined;
const keys = { viewer: '', analyst: '' };
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ posts: 4000 });
  keys.viewer = await stack.createKey('viewer');
  keys.analyst = await stack.createKey('analyst');
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

async function openPage(pathAndQuery: string): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(new URL(pathAndQuery, stack!.baseUrl).toString());
  return page;
}

/** Presses "Save view", gives the key when the form asks for one, and saves under `name`. */
async function saveView(page: Page, name: string, key: string): Promise<void> {
  await page.getByRole('button', { name: 'Save view' }).click();
  const keyInput = page.locator('input[name="api-key"]');
  if (await keyInput.isVisible()) {
    await keyInput.fill(key);
    await page.getByRole('button', { name: 'Use key' }).click();
  }
  // The name field has the focus once the key is set: typing and Enter save.
  await expect.poll(() => page.locator(':focus').getAttribute('name')).toBe('view-name');
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: `Saved “${name}”` }).waitFor();
}

const explorerReady = (page: Page) => page.waitForSelector('#explorer-chart[data-state="ready"]', { timeout: 30_000 });
const listReady = (page: Page) => page.waitForSelector('[data-testid="saved-views"][data-state="ready"]', { timeout: 30_000 });
const savedViews = async () => (await api<{ views: SavedView[] }>('/api/views')).views;

describe('dashboard: saved views', () => {
  it('saves the Divide page with its date range and granularity', async () => {
    const page = await openPage('/?granularity=day&from=2025-01-10&to=2025-01-25');
    try {
      await page.waitForSelector('#chart-stance[data-state="ready"]', { timeout: 30_000 });
      await saveView(page, 'TikTok goes dark, daily', keys.viewer);
      const view = (await savedViews()).find((v) => v.name === 'TikTok goes dark, daily');
      expect(view).toMatchObject({ page: 'divide', params: { granularity: 'day', from: '2025-01-10', to: '2025-01-25' }, url: '/?granularity=day&from=2025-01-10&to=2025-01-25' });
    } finally {
      await page.close();
    }
  }, 60_000);

  it('saves Explorer filters, lists them, reopens the same chart (also after a reload), and deletes the view', async () => {
    const page = await openPage('/explore');
    try {
      await explorerReady(page);
      await page.selectOption('#ex-group', 'lang');
      await page.fill('#ex-from', '2025-01-01');
      await page.fill('#ex-to', '2025-02-28');
      await page.selectOption('#ex-actor', 'public');
      await page.fill('#ex-q', 'ban');
      await page.keyboard.press('Enter');
      await page.waitForURL(/actor=public/);
      await explorerReady(page);
      const savedFrom = new URL(page.url());

      await saveView(page, 'Public by language, early 2025', keys.viewer);
      const view = (await savedViews()).find((v) => v.name === 'Public by language, early 2025')!;
      expect(view.page).toBe('explore');
      expect(view.params).toEqual(Object.fromEntries(savedFrom.searchParams));
      expect(view.url).toBe(`${savedFrom.pathname}${savedFrom.search}`);

      // The list: name, page, the filters in words, and the links.
      await page.getByRole('link', { name: 'See all saved views' }).click();
      await listReady(page);
      const item = page.locator(`.saved-view[data-view-id="${view.id}"]`);
      expect(await item.locator('h2').innerText()).toBe('Public by language, early 2025');
      const text = await item.innerText();
      expect(text).toContain('Explorer');
      for (const part of ['Volume (posts) by lang', 'per week', '1 Jan 2025 to 28 Feb 2025', 'actor: Public', 'keyword “ban”']) expect(text).toContain(part);
      expect(await item.getByRole('link', { name: /Create alert rule/ }).getAttribute('href')).toBe(`/alerts?from_view=${view.id}`);
      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      // Open: the same URL, the same controls, and the lines /api/trends gives for those filters.
      await item.getByRole('link', { name: /^Open/ }).click();
      await page.waitForURL((url) => `${url.pathname}${url.search}` === view.url);
      await explorerReady(page);
      const trend = await api<{ series: Array<{ key: string }> }>(
        '/api/trends?metric=volume&group_by=lang&granularity=week&from=2025-01-01T00:00:00.000Z&to=2025-03-01T00:00:00.000Z&actor=public',
      );
      expect(trend.series.length).toBeGreaterThan(0);
      const drawn = () => page.locator('#explorer-chart path.recharts-line-curve').count();
      expect(await drawn()).toBe(trend.series.length);
      for (const { key } of trend.series) expect(await page.locator(`#explorer-chart .series-${key} path.recharts-line-curve`).count()).toBe(1);
      const controls = async () => ({
        group: await page.locator('#ex-group').inputValue(),
        actor: await page.locator('#ex-actor').inputValue(),
        q: await page.locator('#ex-q').inputValue(),
        from: await page.locator('#ex-from').inputValue(),
      });
      expect(await controls()).toEqual({ group: 'lang', actor: 'public', q: 'ban', from: '2025-01-01' });

      await page.reload();
      await explorerReady(page);
      expect(new URL(page.url()).search).toBe(savedFrom.search);
      expect(await controls()).toEqual({ group: 'lang', actor: 'public', q: 'ban', from: '2025-01-01' });
      expect(await drawn()).toBe(trend.series.length);

      // Delete, by keyboard: a viewer key is refused with the API's reason; an analyst key deletes.
      await page.goto(new URL('/views', stack!.baseUrl).toString());
      await listReady(page);
      await item.getByRole('button', { name: /^Delete/ }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator(':focus').textContent()).toBe('Yes, delete');
      await page.keyboard.press('Enter');
      expect(await item.getByRole('alert').innerText()).toMatch(/Could not delete.*analyst role/s);

      await page.getByRole('button', { name: 'Forget key' }).click();
      await page.locator('input[name="api-key"]').fill(keys.analyst);
      await page.getByRole('button', { name: 'Use key' }).click();
      await item.getByRole('button', { name: /^Delete/ }).click();
      await item.getByRole('button', { name: 'Yes, delete' }).click();
      await page.getByRole('status').filter({ hasText: 'Deleted “Public by language, early 2025”.' }).waitFor();
      expect(await item.count()).toBe(0);
      expect((await savedViews()).map((v) => v.id)).not.toContain(view.id);
      await page.reload();
      await listReady(page);
      expect(await page.locator(`.saved-view[data-view-id="${view.id}"]`).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('says so when no view is saved, and shows the API error when the list cannot be read', async () => {
    const page = await openPage('/views');
    try {
      await listReady(page);
      for (const view of await savedViews()) {
        const res = await fetch(new URL(`/api/views/${view.id}`, stack!.baseUrl), { method: 'DELETE', headers: { authorization: `Bearer ${keys.analyst}` } });
        expect(res.status).toBe(204);
      }
      await page.reload();
      await listReady(page);
      expect(await page.locator('[data-testid="saved-views"]').innerText()).toMatch(/No views are saved yet/);
      // A key the API does not know makes the read fail: the page says why and offers a retry.
      await page.locator('input[name="api-key"]').fill('rift_000000000000_unknown');
      await page.getByRole('button', { name: 'Use key' }).click();
      await page.reload();
      await page.waitForSelector('[data-testid="saved-views"][data-state="error"]', { timeout: 30_000 });
      expect(await page.locator('[data-testid="saved-views"] [role="alert"]').innerText()).toMatch(/Could not load the saved views.*not valid/s);
    } finally {
      await page.close();
    }
  }, 60_000);
});
