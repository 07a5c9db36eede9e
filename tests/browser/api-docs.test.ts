// The API documentation page in a real browser: Swagger UI renders the OpenAPI document's routes
// from files of this origin only, under the API's security headers, without a console error.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = path.join(ROOT, 'docs/screenshots/api-docs.png');

let stack: TestStack | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  stack = await startTestStack({ posts: 100 });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('API documentation page', () => {
  it('lists every path of the OpenAPI document, loading nothing from other hosts and logging no error', async () => {
    const document = (await (await fetch(new URL('/api/docs/json', stack!.baseUrl))).json()) as { paths: Record<string, Record<string, unknown>> };
    const expected = Object.entries(document.paths).flatMap(([p, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${p}`));
    expect(expected.length).toBeGreaterThan(10);

    const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
    const problems: string[] = [];
    const origin = new URL(stack!.baseUrl).origin;
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // CSP violations and failed loads are reported on the console as errors.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol !== 'data:' && url.origin !== origin) problems.push(`request to another host: ${request.url()}`);
    });
    try {
      const response = await page.goto(new URL('/api/docs', stack!.baseUrl).toString());
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForSelector('.opblock', { timeout: 30_000 });
      await expect.poll(() => page.locator('.opblock').count()).toBe(expected.length);
      const shown = await page.locator('.opblock').evaluateAll((blocks) =>
        blocks.map((block) => {
          const method = block.querySelector('.opblock-summary-method')?.textContent?.trim() ?? '';
          const route = block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '';
          return `${method} ${route}`;
        }),
      );
      expect(shown.sort()).toEqual([...expected].sort());
      expect(await page.locator('.info .title').innerText()).toContain('Rift API');

      // Opening a route shows its description and query parameters.
      const trends = page.locator('.opblock-get', { has: page.locator('[data-path="/api/trends"]') });
      await trends.locator('.opblock-summary').click();
      await expect.poll(() => trends.locator('.parameters tr[data-param-name]').count()).toBeGreaterThan(5);
      expect(await trends.locator('tr[data-param-name="metric"]').innerText()).toContain('volume_share_of_source');

      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: false });
      expect(problems).toEqual([]);

      // The dashboard's footer leads here (its pages have no favicon, which Chromium logs as a 404).
      await page.goto(new URL('/', stack!.baseUrl).toString());
      await page.getByRole('link', { name: 'its documentation' }).click();
      await page.waitForURL(/\/api\/docs$/);
      await page.waitForSelector('.opblock', { timeout: 30_000 });
    } finally {
      await page.close();
    }
  }, 60_000);
});
