// The researcher's journey in a real browser against a real stack: open the export panel,
// pick a format and columns, download, and check the file against its methodology sidecar.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

let stack: TestStack | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  stack = await startTestStack({ posts: 3000 });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('dashboard: export', () => {
  it('downloads the rows of the page\'s date range with the chosen columns, as the methodology counts them', async () => {
    const page = await browser!.newPage({ acceptDownloads: true });
    try {
      await page.goto(new URL('/?granularity=week&from=2024-06-01&to=2024-12-31', stack!.baseUrl).toString());
      await page.locator('[data-testid="export-panel"] summary').click();
      await page.selectOption('#export-format', 'jsonl');
      // Keep three columns: untick every default, then tick the ones wanted.
      const boxes = page.locator('.export-columns input[type="checkbox"]');
      await boxes.first().waitFor();
      for (const box of await boxes.all()) if (await box.isChecked()) await box.uncheck();
      for (const name of ['id', 'created_at', 'stance']) await page.getByLabel(name, { exact: true }).check();

      const link = page.getByRole('link', { name: 'Download JSONL' });
      const href = (await link.getAttribute('href'))!;
      expect(href).toContain('from=2024-06-01T00%3A00%3A00.000Z');
      expect(href).toContain('to=2025-01-01T00%3A00%3A00.000Z');
      expect(href).toContain('columns=id%2Ccreated_at%2Cstance');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(Object.keys(lines[0])).toEqual(['id', 'created_at', 'stance']);
      for (const l of lines) expect(l.created_at >= '2024-06-01' && l.created_at < '2025-01-01').toBe(true);

      const methodologyHref = (await page.getByRole('link', { name: 'Methodology (JSON)' }).getAttribute('href'))!;
      const methodology = (await (await fetch(new URL(methodologyHref, stack!.baseUrl))).json()) as { row_count: number };
      expect(methodology.row_count).toBe(lines.length);
      expect(methodology.row_count).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});
