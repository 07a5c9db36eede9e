// The divide's switches in a real browser against a real stack: per author or per post, corrected
// or raw, copies once or every copy. Each choice changes the headline to what /api/divide gives for it, goes to the URL, and
// survives a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

let stack: TestStack | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  stack = await startTestStack({ posts: 4000 });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface Divide {
  unit: string;
  copies: string;
  correction: { source: string } | null;
  correction_note?: string;
  sides: Record<'public' | 'us_government', { n_posts: number; n_authors: number }>;
  oppose_share_diff: { value: number; ci95: [number, number] };
}

const FROM = '2024-12-01T00:00:00.000Z';
const TO = '2025-03-01T00:00:00.000Z';

async function divide(query: string): Promise<Divide> {
  const response = await fetch(new URL(`/api/divide?from=${FROM}&to=${TO}${query}`, stack!.baseUrl));
  expect(response.status).toBe(200);
  return (await response.json()) as Divide;
}

const pts = (v: number) => `${v > 0.005 ? '+' : ''}${Math.round(v * 100)} pts`;

async function ready(page: Page) {
  await page.waitForSelector('[data-testid="divide-headline"][data-state="ready"]', { timeout: 30_000 });
}

async function expectHeadline(page: Page, expected: Divide) {
  const stance = await page.getByTestId('divide-stance').innerText();
  expect(stance).toContain(`${pts(expected.oppose_share_diff.value)}`);
  expect(stance).toContain(`95% interval ${pts(expected.oppose_share_diff.ci95[0])} to ${pts(expected.oppose_share_diff.ci95[1])}`);
  expect(stance).toContain(expected.unit === 'author' ? 'per author' : 'per post');
  const correction = await page.getByTestId('divide-correction').innerText();
  expect(correction).toMatch(expected.correction ? /corrected for the classifier's errors: adjusted classify-and-count/ : /not corrected/);
  expect(await page.getByTestId('divide-copies').innerText()).toContain(expected.copies === 'once' ? 'Copies counted once' : 'Every copy counted');
  expect(await page.getByTestId('divide-n').innerText()).toContain(`n = ${expected.sides.public.n_posts.toLocaleString('en-US')} public posts`);
}

describe('dashboard: the divide per author or per post, corrected or raw', () => {
  it('changes the numbers with each switch, keeps the choice in the URL and after a reload', async () => {
    const perAuthor = await divide('');
    const perPost = await divide('&unit=post');
    const raw = await divide('&unit=post&correction=none');
    const everyCopy = await divide('&unit=post&correction=none&copies=all');
    // The demo corpus repeats its template texts: counted once, far fewer posts remain.
    expect(raw.copies).toBe('once');
    expect(raw.sides.public.n_posts).toBeLessThan(everyCopy.sides.public.n_posts);
    // The demo corpus has authors who post more than others, so the unit changes the answer.
    expect(perAuthor.sides.public.n_authors).toBeLessThan(perAuthor.sides.public.n_posts);
    expect(perPost.oppose_share_diff.value).not.toBeCloseTo(perAuthor.oppose_share_diff.value, 3);
    // The demo posts are scored by the model the shipped confusion matrix measured.
    expect(perAuthor.correction?.source).toBe('shipped');
    expect(raw.correction).toBeNull();

    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(new URL('/?granularity=week&from=2024-12-01&to=2025-02-28', stack!.baseUrl).toString());
      await ready(page);
      await expectHeadline(page, perAuthor);
      expect(await page.getByTestId('divide-n').innerText()).toContain(`from ${perAuthor.sides.public.n_authors.toLocaleString('en-US')} authors`);

      await page.getByLabel('per post', { exact: true }).check();
      await page.waitForURL(/unit=post/);
      await ready(page);
      await expectHeadline(page, perPost);

      await page.getByLabel('raw classifier labels', { exact: true }).check();
      await page.waitForURL(/correction=none/);
      await ready(page);
      await expectHeadline(page, raw);

      await page.getByLabel('every copy', { exact: true }).check();
      await page.waitForURL(/copies=all/);
      await ready(page);
      await expectHeadline(page, everyCopy);

      await page.reload();
      await ready(page);
      expect(await page.getByLabel('per post', { exact: true }).isChecked()).toBe(true);
      expect(await page.getByLabel('raw classifier labels', { exact: true }).isChecked()).toBe(true);
      expect(await page.getByLabel('every copy', { exact: true }).isChecked()).toBe(true);
      await expectHeadline(page, everyCopy);
      // The stance chart is drawn per post too, and says so.
      expect(await page.locator('#chart-stance h2').innerText()).toContain('per post');
    } finally {
      await page.close();
    }
  }, 90_000);

  it('the Explorer reads per author when asked, in the URL and after a reload', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(new URL('/explore?metric=stance_oppose_share&group_by=actor&granularity=week&from=2024-12-01&to=2025-02-28', stack!.baseUrl).toString());
      await page.waitForSelector('.recharts-surface', { timeout: 30_000 });
      const answer = page.waitForResponse((r) => r.url().includes('/api/trends') && r.url().includes('unit=author'));
      await page.selectOption('#ex-unit', 'author');
      const body = (await (await answer).json()) as { unit: string; series: Array<{ points: Array<{ n_authors: number; n_posts: number }> }> };
      expect(body.unit).toBe('author');
      expect(body.series.flatMap((s) => s.points).every((p) => p.n_authors > 0 && p.n_authors <= p.n_posts)).toBe(true);
      await page.waitForURL(/unit=author/);
      await page.getByText('Share opposing the ban, per author').first().waitFor({ timeout: 15_000 });
      await page.reload();
      await page.waitForSelector('.recharts-surface', { timeout: 30_000 });
      expect(await page.locator('#ex-unit').inputValue()).toBe('author');
    } finally {
      await page.close();
    }
  }, 60_000);
});
