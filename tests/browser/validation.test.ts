// The researcher's validation journey in a real browser against a real stack: draw a seeded,
// stratified sample, download the coding sheet, code it (here: the model's labels with a known
// few changed), upload it with an analyst key, and read the agreement, checked against this
// test's own count of the confusion matrix and its own Cohen's kappa. The run stays listed.
// The sample's other states: a slice with no posts, a request the API refuses, the API unreachable.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = path.join(ROOT, 'docs/screenshots/validation.png');
const STANCES = ['support_ban', 'oppose_ban', 'neutral'];

let stack: TestStack | undefined;
let browser: Browser | undefined;
let workDir = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ posts: 1500 });
  browser = await launchBrowser();
  workDir = path.join(os.tmpdir(), `rift-validation-test-${process.pid}`);
  await mkdir(workDir, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** RFC 4180 records (quoted fields with "" escapes, CRLF rows), written here so the sheet is read independently of the API. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

const toCsv = (rows: string[][]) => rows.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\r\n') + '\r\n';

/** Every stored post's model labels, read page by page from the public API. */
async function modelLabels(): Promise<Map<string, { stance: string; model_version: string }>> {
  const labels = new Map<string, { stance: string; model_version: string }>();
  let cursor: string | null = null;
  do {
    const url: string = `/api/posts?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const body = (await (await fetch(new URL(url, stack!.baseUrl))).json()) as {
      posts: Array<{ source: string; id: string; stance: { label: string }; model_version: string }>;
      next_cursor: string | null;
    };
    for (const p of body.posts) labels.set(`${p.source}/${p.id}`, { stance: p.stance.label, model_version: p.model_version });
    cursor = body.next_cursor;
  } while (cursor);
  return labels;
}

/** Cohen's kappa from (human, model) pairs: (po - pe) / (1 - pe). */
function kappa(pairs: Array<[string, string]>): number {
  const n = pairs.length;
  const po = pairs.filter(([h, m]) => h === m).length / n;
  const pe = STANCES.reduce((sum, l) => sum + (pairs.filter(([h]) => h === l).length / n) * (pairs.filter(([, m]) => m === l).length / n), 0);
  return (po - pe) / (1 - pe);
}

async function upload(page: Page, file: string): Promise<void> {
  await page.setInputFiles('#coded-file', file);
  await page.getByRole('button', { name: 'Upload and compare' }).click();
}

describe('dashboard: samples and validation', () => {
  it('draws a sample, takes the coded sheet back and shows the agreement the test computes itself', async () => {
    const page = await browser!.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 1100 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(new URL('/validate', stack!.baseUrl).toString());
      await page.waitForSelector('[data-testid="runs-list"], .status-empty', { timeout: 30_000 });
      expect(await page.getByRole('link', { name: 'Samples and validation' }).getAttribute('aria-current')).toBe('page');

      // 1. Draw: 30 posts, 10 per stance, with a seed, all from the form.
      await page.getByLabel('Posts to draw').fill('30');
      await page.getByLabel('Seed', { exact: true }).fill('browser-test');
      await page.getByLabel('Stratify by').selectOption('stance');
      await page.getByLabel('Allocation').selectOption('equal');
      await page.getByRole('button', { name: 'Draw sample' }).click();
      await page.waitForSelector('[data-testid="sample-summary"][data-state="ready"]', { timeout: 30_000 });
      expect(await page.locator('[data-testid="sample-summary"]').innerText()).toMatch(/Drew 30 of the 30 posts asked for, with seed browser-test/);
      expect(new URL(page.url()).search).toBe('?n=30&seed=browser-test&stratify=stance&allocation=equal');

      const link = page.getByRole('link', { name: 'Download the coding sheet (CSV)' });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const sheet = parseCsv(await readFile((await download.path())!, 'utf8'));
      const [header, ...rows] = sheet;
      expect(rows).toHaveLength(30);
      const col = (name: string) => header!.indexOf(name);
      expect(col('code_stance')).toBeGreaterThan(-1);

      // 2. Code: the model's stance for every row except the first three, each moved to the next label.
      const labels = await modelLabels();
      const pairs: Array<[string, string]> = [];
      rows.forEach((row, i) => {
        const model = labels.get(`${row[col('source')]}/${row[col('id')]}`)!;
        expect(model, `${row[col('id')]} is stored`).toBeDefined();
        const human = i < 3 ? STANCES[(STANCES.indexOf(model.stance) + 1) % 3]! : model.stance;
        row[col('code_stance')] = human;
        pairs.push([human, model.stance]);
      });
      const gone = header!.map((name) => (name === 'source' ? 'demo' : name === 'id' ? 'no-such-post' : name === 'code_stance' ? 'neutral' : ''));
      const codedFile = path.join(workDir, 'coded.csv');
      await writeFile(codedFile, toCsv([header!, ...rows, gone]));

      // Without a key the upload is refused, with a hint where to put one.
      await upload(page, codedFile);
      await expect.poll(() => page.locator('.upload-error').innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/API key/);

      await page.locator('input[name="api-key"]').fill(await stack!.createKey('analyst'));
      await page.getByRole('button', { name: 'Use key' }).click();

      // A bad sheet is explained with the API's message, naming the line.
      const badFile = path.join(workDir, 'bad.csv');
      await writeFile(badFile, toCsv([header!, rows[0]!.map((v, j) => (j === col('code_stance') ? 'maybe' : v))]));
      await upload(page, badFile);
      await expect.poll(() => page.locator('.upload-error').innerText(), { timeout: 15_000 }).toMatch(/line 2: code_stance "maybe" is not one of support_ban, oppose_ban, neutral/);

      // 3. The good sheet: the report.
      await upload(page, codedFile);
      const report = page.locator('[data-testid="run-report"]');
      await report.waitFor({ timeout: 30_000 });
      const runId = (await report.getAttribute('data-run'))!;
      expect(new URL(page.url()).searchParams.get('run')).toBe(runId);
      expect(await page.locator('[data-testid="coded-rows"]').innerText()).toBe('31');
      expect(await page.locator('[data-testid="matched-rows"]').innerText()).toBe('30');
      expect(await page.locator('[data-testid="not-found-rows"]').innerText()).toBe('1');
      const versions = [...new Set(rows.map((r) => labels.get(`${r[col('source')]}/${r[col('id')]}`)!.model_version))].sort();
      expect(await page.locator('[data-testid="model-versions"]').innerText()).toBe(versions.join(', '));

      const stance = page.locator('[data-testid="task-stance"]');
      for (const human of STANCES) {
        for (const model of STANCES) {
          const expected = pairs.filter(([h, m]) => h === human && m === model).length;
          const cell = stance.locator(`td[data-human="${human}"][data-model="${model}"]`);
          expect((await cell.textContent())!.replace(' (agreement)', ''), `${human} -> ${model}`).toBe(String(expected));
        }
      }
      expect(await stance.locator('[data-testid="kappa"]').innerText()).toBe(kappa(pairs).toFixed(3));
      expect(await stance.locator('[data-testid="accuracy"]').innerText()).toBe((27 / 30).toFixed(3));
      // Beside kappa: its 95% bootstrap interval, and Krippendorff's alpha with its own.
      const [low, high] = (await stance.locator('[data-testid="kappa-ci"]').innerText()).match(/^95% interval (-?\d\.\d{3}) to (-?\d\.\d{3})$/)!.slice(1).map(Number);
      expect(low).toBeLessThanOrEqual(kappa(pairs));
      expect(high).toBeGreaterThanOrEqual(kappa(pairs));
      expect(await stance.locator('[data-testid="alpha"]').innerText()).toMatch(/^-?\d\.\d{3}$/);
      expect(await stance.locator('[data-testid="alpha-ci"]').innerText()).toMatch(/^95% interval /);
      expect(await stance.locator(`td[data-score="recall-ci"]`).first().innerText()).toMatch(/^(\d\.\d{3} to \d\.\d{3}|n\/a)$/);
      // Precision of the label the first changed row was coded with: agreed / model said it.
      const label = pairs[0]![0];
      const precision = pairs.filter(([h, m]) => h === label && m === label).length / pairs.filter(([, m]) => m === label).length;
      expect(await stance.locator(`tr[data-label="${label}"] td[data-score="precision"]`).innerText()).toBe(precision.toFixed(3));
      await page.locator('[data-testid="agreement-guide"] summary').click();
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      // 4. Kept: after a reload the run is listed and reopened from the URL, and from the list.
      await page.reload();
      await page.locator(`[data-testid="runs-list"] tr[data-run="${runId}"]`).waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-testid="run-report"]').getAttribute('data-run')).toBe(runId);
      await page.goto(new URL('/validate', stack!.baseUrl).toString());
      await page.locator(`[data-testid="runs-list"] tr[data-run="${runId}"] a`).click();
      expect(await page.locator('[data-testid="run-report"]').getAttribute('data-run')).toBe(runId);
      expect(await page.locator('[data-testid="task-stance"] [data-testid="kappa"]').innerText()).toBe(kappa(pairs).toFixed(3));
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it("shows the sample's empty state, the API's refusal with a retry, and recovers when the API is back", async () => {
    const page = await browser!.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const summary = page.locator('[data-testid="sample-summary"]');
    try {
      // A slice no post is in: said so, and no sheet to download.
      await page.goto(new URL('/validate', stack!.baseUrl).toString());
      await page.getByLabel('Posts to draw').fill('10');
      await page.getByLabel('Keyword in text').fill('no-post-says-this-zqxj');
      await page.getByRole('button', { name: 'Draw sample' }).click();
      await page.waitForSelector('[data-testid="sample-summary"][data-state="ready"]', { timeout: 30_000 });
      expect(await summary.locator('.status-empty').innerText()).toMatch(/No post matches this slice, so nothing was drawn/);
      expect(await page.getByRole('link', { name: 'Download the coding sheet (CSV)' }).count()).toBe(0);
      expect(new URL(page.url()).searchParams.get('q')).toBe('no-post-says-this-zqxj');

      // Dates the wrong way round: the API refuses the request (400) and the page shows its reason,
      // with a retry that asks again (and is refused again: the request itself is wrong).
      await page.getByLabel('Keyword in text').fill('');
      await page.locator('#sample-from').fill('2025-02-01');
      await page.locator('#sample-to').fill('2025-01-01');
      await page.getByRole('button', { name: 'Draw sample' }).click();
      await page.waitForSelector('[data-testid="sample-summary"][data-state="error"]', { timeout: 30_000 });
      expect(await summary.getByRole('alert').innerText()).toMatch(/Could not load the sample\.\s+from must be before to/);
      const refused = page.waitForResponse((r) => r.url().includes('/api/sample?') && r.status() === 400);
      await summary.getByRole('button', { name: 'Retry' }).click();
      await refused;
      await page.waitForSelector('[data-testid="sample-summary"][data-state="error"]');

      // Dates set right: drawn.
      await page.locator('#sample-from').fill('');
      await page.locator('#sample-to').fill('');
      await page.getByRole('button', { name: 'Draw sample' }).click();
      await page.waitForSelector('[data-testid="sample-summary"][data-state="ready"]', { timeout: 30_000 });
      expect(await summary.innerText()).toMatch(/Drew 10 of the 10 posts asked for/);

      // The API unreachable: loading while the request hangs, then the error; Retry once it is back draws the sample.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/sample?*', async (route) => {
        await held;
        await route.abort('connectionrefused');
      });
      await page.goto(new URL('/validate?n=7&seed=after-outage', stack!.baseUrl).toString());
      await page.waitForSelector('[data-testid="sample-summary"][data-state="loading"] .status-loading');
      release();
      await page.waitForSelector('[data-testid="sample-summary"][data-state="error"]');
      expect(await summary.getByRole('alert').innerText()).toMatch(/Could not load the sample\.\s+The API could not be reached/);
      await page.unroute('**/api/sample?*');
      await summary.getByRole('button', { name: 'Retry' }).click();
      await page.waitForSelector('[data-testid="sample-summary"][data-state="ready"]', { timeout: 30_000 });
      expect(await summary.innerText()).toMatch(/Drew 7 of the 7 posts asked for, with seed after-outage/);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);
});
