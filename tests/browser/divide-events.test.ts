// The divide before and after each event, in a real browser against a real stack: listed under the
// divide's stance chart from /api/divide/events with the page's unit, copies and correction, each
// window with its interval and n, its width a choice kept in the URL, and stated in its about panel.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useStackAndBrowser } from './stack-and-browser.ts';

const env = useStackAndBrowser({ posts: 4000 });

interface Window {
  from: string;
  oppose_share_diff: { value: number; ci95: [number, number] } | null;
  n_posts: Record<'public' | 'us_government', number>;
  n_authors: Record<'public' | 'us_government', number>;
}
interface Events {
  unit: string;
  copies: string;
  correction: string;
  window_days: number;
  events: Array<{ date: string; label: string; before: Window; after: Window; oppose_share_diff_change: number | null }>;
}

async function events(query: string): Promise<Events> {
  const response = await fetch(new URL(`/api/divide/events?${query}`, env.stack.baseUrl));
  expect(response.status).toBe(200);
  return (await response.json()) as Events;
}

const points = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const pts = (v: number) => `${points.format(v * 100)} pts`;
const count = (n: number) => n.toLocaleString('en-US');

/** The page's window: 1 Dec 2024 to 28 Feb 2025 holds the pack's events of 6 Dec 2024 to 20 Jan 2025. */
const FROM = '2024-12-01';
const TO = '2025-02-28';
const inWindow = (e: Events) => e.events.filter((x) => x.date >= FROM && x.date <= TO);

async function expectRows(page: Page, expected: Events) {
  const list = page.getByTestId('divide-events');
  await page.waitForSelector('[data-testid="divide-events"][data-state="ready"]', { timeout: 60_000 });
  const shown = inWindow(expected);
  expect(shown.length).toBeGreaterThan(2);
  expect(await list.getByTestId('divide-event').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-date')))).toEqual(shown.map((e) => e.date));
  for (const event of shown) {
    const row = list.locator(`[data-testid="divide-event"][data-date="${event.date}"]`);
    expect(await row.locator('th').innerText()).toContain(event.label);
    for (const side of ['before', 'after'] as const) {
      const w = event[side];
      const cell = await row.getByTestId(`divide-event-${side}`).innerText();
      if (w.oppose_share_diff) {
        expect(cell).toContain(pts(w.oppose_share_diff.value));
        expect(cell).toContain(`95% interval ${pts(w.oppose_share_diff.ci95[0])} to ${pts(w.oppose_share_diff.ci95[1])}`);
      } else {
        expect(cell).toContain('no divide');
      }
      expect(cell).toContain(`n = ${count(w.n_posts.public)} public posts from ${count(w.n_authors.public)} authors, ${count(w.n_posts.us_government)} US government posts from ${count(w.n_authors.us_government)}`);
    }
    const change = await row.getByTestId('divide-event-change').innerText();
    expect(change).toBe(event.oppose_share_diff_change === null ? '–' : pts(event.oppose_share_diff_change));
  }
  const about = await page.getByTestId('divide-events-about').innerText();
  expect(about).toContain(`over the ${expected.window_days} days before the event's date`);
  expect(about).toContain(`(${shown.length} of ${expected.events.length})`);
}

describe('dashboard: the divide before and after each event', () => {
  it("lists the API's before/after estimates for the events in the window, with the page's counting", async () => {
    const byDefault = await events('window_days=14');
    expect(byDefault).toMatchObject({ unit: 'author', copies: 'once', correction: 'confusion' });
    const perPostRaw = await events('window_days=14&unit=post&correction=none&copies=all');
    const week = await events('window_days=7&unit=post&correction=none&copies=all');

    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(new URL(`/?granularity=week&from=${FROM}&to=${TO}`, env.stack.baseUrl).toString());
      await expectRows(page, byDefault);
      expect(await page.getByTestId('divide-events-about').innerText()).toContain('Counted per author, copies once, corrected for classifier error');

      await page.getByLabel('per post', { exact: true }).check();
      await page.getByLabel('raw classifier labels', { exact: true }).check();
      await page.getByLabel('every copy', { exact: true }).check();
      await page.waitForURL((url) => url.searchParams.get('copies') === 'all' && url.searchParams.get('correction') === 'none');
      await page.getByTestId('divide-events-about').getByText('Counted per post, every copy, raw classifier labels').waitFor({ timeout: 60_000 });
      await expectRows(page, perPostRaw);

      await page.getByLabel('Days on each side').selectOption('7');
      await page.waitForURL(/event_window=7/);
      await page.getByTestId('divide-events-about').getByText('over the 7 days before').waitFor({ timeout: 60_000 });
      await expectRows(page, week);

      await page.reload();
      await expectRows(page, week);
      expect(await page.getByLabel('Days on each side').inputValue()).toBe('7');
    } finally {
      await page.close();
    }
  }, 180_000);
});
