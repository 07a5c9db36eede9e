// The analysts' journey in a real browser against a real stack: a key, a rule written with the
// keyboard only on the demo posts, a backtest drawn on the chart, the rule saved, then evaluated by
// the alerts worker's own code at the times its schedule would have run over the stored history;
// the feed shows it fire once and later resolve, and its webhook hears both, signed.
import { createHmac } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '@rift/testing/alerts';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = path.join(ROOT, 'docs/screenshots/alerts.png');

let stack: TestStack | undefined;
let browser: Browser | undefined;
let receiver: Receiver | undefined;
let analystKey = '';

beforeAll(async () => {
  stack = await startTestStack({ posts: 4000 });
  analystKey = await stack.createKey('analyst');
  receiver = await startReceiver();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await stack?.close();
});

const url = (pathAndQuery: string) => new URL(pathAndQuery, stack!.baseUrl).toString();

async function api<T>(pathAndQuery: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url(pathAndQuery), {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${analystKey}`, ...init.headers },
  });
  expect(response.status, pathAndQuery).toBe(200);
  return (await response.json()) as T;
}

/** Presses Tab until the focused element matches `selector`: proves the keyboard reaches it. */
async function tabTo(page: Page, selector: string, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Tabs to a field, selects what it holds and types over it. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

interface FeedEntry {
  rule_id: string;
  from: string;
  to: string;
  at: string;
  value: number | null;
  n: number;
}

/** Refreshes the feed, waits for the new read (the old entries stay shown meanwhile), and lists a rule's changes. */
const feedOf = async (page: Page, ruleId: string) => {
  const reads = await page.locator('#alert-feed').getAttribute('data-reads');
  await page.locator('#alert-feed button', { hasText: 'Refresh feed' }).click();
  await page.waitForSelector(`#alert-feed[data-state="ready"]:not([data-reads="${reads}"]) .feed-entry`);
  return page.locator(`#alert-feed .feed-entry[data-rule-id="${ruleId}"]`).evaluateAll((els) => els.map((el) => el.getAttribute('data-to')));
};

describe('dashboard: alerts', () => {
  it('an analyst writes a rule with the keyboard, backtests it, saves it, and the feed shows it fire once and resolve', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(url('/alerts'));
      await page.waitForSelector('#alert-rules[data-state="ready"]');
      expect(await page.locator('#alert-rules').innerText()).toMatch(/No alert rules yet/);
      await page.waitForSelector('#alert-feed[data-state="ready"]');
      expect(await page.locator('#alert-feed').innerText()).toMatch(/No state changes yet/);

      // The key, then the form, with the keyboard only.
      await typeInto(page, 'input[name="api-key"]', analystKey);
      await page.keyboard.press('Enter');
      await page.waitForSelector('.api-key-set');
      await tabTo(page, '#new-rule');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#rule-name:focus');
      await page.keyboard.type('Demo volume surge');
      await tabTo(page, '#rule-metric');
      // The first metric of the list is volume.
      await page.keyboard.press('Home');
      expect(await page.locator('#rule-metric').inputValue()).toBe('volume');
      expect(await page.locator('#rule-metric-help').innerText()).toMatch(/Number of posts/);
      await typeInto(page, '#rule-filter-source', 'demo');
      await typeInto(page, '#rule-threshold', '45');
      await typeInto(page, '#rule-recovery', '30');
      await typeInto(page, '#rule-window', '1d');
      await typeInto(page, '#rule-interval', '1d');
      await typeInto(page, '#rule-for', '1d');
      await typeInto(page, '#rule-cooldown', '2d');
      // For volume n is the value itself: a minimum under the recovery threshold lets quiet days end an episode.
      await typeInto(page, '#rule-min-sample', '5');
      await typeInto(page, '#rule-webhook-url', receiver!.url);
      await typeInto(page, '#rule-slack-url', `${receiver!.url}/slack`);

      // Backtest over all stored posts: the chart shades the episode between the two thresholds.
      await tabTo(page, '#rule-backtest');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.backtest .recharts-line-curve', { timeout: 30_000 });
      const body = {
        name: 'Demo volume surge',
        enabled: true,
        metric: 'volume',
        filters: { source: ['demo'] },
        comparator: '>',
        threshold: 45,
        recovery_threshold: 30,
        window: '1d',
        interval: '1d',
        for: '1d',
        cooldown: '2d',
        min_sample: 5,
        channels: {},
      };
      const expected = await api<{ episodes: Array<{ fired_at: string; resolved_at: string | null }>; points: Array<{ at: string; insufficient: boolean }> }>(
        '/api/alerts/backtest',
        { method: 'POST', body: JSON.stringify({ rule: body }) },
      );
      expect(expected.episodes).toHaveLength(1);
      const [episode] = expected.episodes;
      expect(episode!.resolved_at).not.toBeNull();
      expect(await page.locator('.backtest').getAttribute('data-episodes')).toBe('1');
      expect(await page.locator('.backtest .recharts-reference-area.backtest-episode').count()).toBe(1);
      expect(await page.locator('.backtest .recharts-reference-line.backtest-threshold').count()).toBe(1);
      expect(await page.locator('.backtest .recharts-reference-line.backtest-recovery').count()).toBe(1);
      expect(await page.locator('.backtest .episode').count()).toBe(1);
      expect(await page.locator('.backtest-summary').innerText()).toMatch(/would have fired once/);
      // Days with fewer posts than the minimum sample are drawn as such.
      expect(expected.points.some((p) => p.insufficient)).toBe(true);
      expect(await page.locator('.backtest circle.backtest-small-sample').count()).toBeGreaterThan(0);

      // Saved from the keyboard: Shift+Tab from Backtest is Save.
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate('document.activeElement?.textContent')).toBe('Save rule');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.rule-notice');
      const notice = await page.locator('.rule-notice').innerText();
      expect(notice).toMatch(/Saved “Demo volume surge”/);
      const secret = /secret[^:]*: ([0-9a-f]{48})/.exec(notice)?.[1];
      expect(secret).toBeDefined();
      await page.waitForSelector('.rule-table tr[data-rule-id]');
      const ruleId = (await page.locator('.rule-table tr[data-rule-id]').getAttribute('data-rule-id'))!;
      expect(await page.locator(`tr[data-rule-id="${ruleId}"]`).innerText()).toMatch(/not evaluated yet/);

      // Evaluated by the worker's code once a day over the stored history, as its schedule runs:
      // first up to a day after it fired (still firing), then to the end.
      const times = expected.points.map((p) => Date.parse(p.at));
      const firedAt = Date.parse(episode!.fired_at);
      const firstPart = times.filter((t) => t <= firedAt + 86_400_000);
      for (const t of firstPart) await stack!.evaluateAlert(ruleId, t);
      expect(await feedOf(page, ruleId)).toEqual(['firing', 'pending']);
      await page.locator('#alert-rules button', { hasText: 'Refresh rules' }).click();
      await page.waitForSelector(`tr[data-rule-id="${ruleId}"][data-status="firing"]`);

      for (const t of times.slice(firstPart.length)) await stack!.evaluateAlert(ruleId, t);
      const changes = await feedOf(page, ruleId);
      // Newest first: after the one firing, it resolved, and its cool-down ended.
      expect(changes).toEqual(['ok', 'resolved', 'firing', 'pending']);
      const feed = await api<{ feed: FeedEntry[] }>('/api/alerts/feed');
      const resolved = feed.feed.find((e) => e.to === 'resolved')!;
      expect(resolved.at).toBe(episode!.resolved_at);
      const firing = page.locator(`#alert-feed .feed-entry[data-to="firing"]`);
      expect(await firing.innerText()).toMatch(/Value [\d,]+ posts \(n = [\d,]+\); threshold 45 posts, recovery 30 posts; window/);
      const postsLink = await firing.locator('a', { hasText: 'Example posts' }).getAttribute('href');
      const posts = await api<{ posts: Array<{ source: string }> }>(postsLink!);
      expect(posts.posts.length).toBeGreaterThan(0);
      expect(await firing.locator('a', { hasText: 'View this window' }).getAttribute('href')).toMatch(/^\/explore\?.*source=demo.*metric=volume/);

      // The channels heard the start and the end of the one episode, the webhook signed.
      const webhooks = receiver!.received.filter((r) => r.headers['x-rift-signature']);
      expect(webhooks.map((w) => JSON.parse(w.body).state)).toEqual(['firing', 'resolved']);
      for (const w of webhooks) expect(w.headers['x-rift-signature']).toBe(`sha256=${createHmac('sha256', secret!).update(w.body).digest('hex')}`);
      expect(receiver!.received.filter((r) => !r.headers['x-rift-signature'])).toHaveLength(2);

      // The rule's own history and its row.
      await page.locator('#alert-rules button', { hasText: 'Refresh rules' }).click();
      await page.waitForSelector(`tr[data-rule-id="${ruleId}"][data-status="ok"]`);
      await page.getByRole('button', { name: 'History of Demo volume surge' }).click();
      await page.waitForSelector('.rule-history[data-state="ready"]');
      expect(await page.locator('.rule-history .feed-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-to')))).toEqual(changes);

      // The screenshot shows the rule open for editing with its backtest drawn.
      await page.getByRole('button', { name: 'Edit Demo volume surge' }).click();
      await page.waitForSelector('.rule-form');
      await page.locator('#rule-backtest').click();
      await page.waitForSelector('.backtest .recharts-line-curve', { timeout: 30_000 });
      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 240_000);

  it("shows the API's problems next to the fields, edits a rule, and deletes it after a confirmation", async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await page.goto(url('/alerts'));
      await page.getByRole('textbox', { name: 'API key' }).fill(analystKey);
      await page.getByRole('button', { name: 'Use key' }).click();
      await page.getByRole('button', { name: 'Edit Demo volume surge' }).click();
      await page.waitForSelector('.rule-form');
      expect(await page.locator('#rule-webhook-url').inputValue()).toBe(receiver!.url);
      await page.fill('#rule-window', '90m');
      await page.fill('#rule-recovery', '50');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForSelector('.rule-form-error');
      expect(await page.locator('#rule-window-error').innerText()).toMatch(/whole hours/);
      expect(await page.locator('#rule-recovery-error').innerText()).toMatch(/at most threshold/);
      expect(await page.locator('#rule-window').getAttribute('aria-invalid')).toBe('true');

      await page.fill('#rule-window', '1d');
      await page.fill('#rule-recovery', '40');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForSelector('.rule-notice');
      const rules = await api<{ rules: Array<{ id: string; recovery_threshold: number; channels: { webhook?: { url: string } } }> }>('/api/alerts');
      expect(rules.rules[0]).toMatchObject({ recovery_threshold: 40, channels: { webhook: { url: receiver!.url } } });

      await page.getByRole('button', { name: 'Edit Demo volume surge' }).click();
      await page.getByRole('button', { name: 'Delete rule…' }).click();
      // Nothing is deleted until the confirmation.
      expect((await api<{ rules: unknown[] }>('/api/alerts')).rules).toHaveLength(1);
      await page.getByRole('button', { name: 'Yes, delete' }).click();
      await page.waitForSelector('#alert-rules[data-state="ready"] .status-empty');
      expect(await page.locator('.rule-notice').innerText()).toMatch(/Deleted “Demo volume surge”/);
      // The feed keeps what happened.
      await page.waitForSelector('#alert-feed .feed-entry[data-to="firing"]');
    } finally {
      await page.close();
    }
  }, 60_000);

  it('opens the form prefilled from an Explorer link, and says what it left out', async () => {
    const page = await browser!.newPage();
    try {
      await page.goto(url('/alerts?new=1&metric=stance_oppose_share&group_by=lang&granularity=week&actor=public&lang=en&q=rednote'));
      await page.waitForSelector('.rule-form');
      expect(await page.locator('#rule-metric').inputValue()).toBe('stance_oppose_share');
      expect(await page.locator('#rule-filter-actor').inputValue()).toBe('public');
      expect(await page.locator('#rule-filter-lang').inputValue()).toBe('en');
      expect(await page.locator('#rule-window').inputValue()).toBe('1w');
      expect(await page.locator('.rule-origin').innerText()).toMatch(/Prefilled from the link/);
      expect(await page.locator('.rule-notes').innerText()).toMatch(/keyword "rednote" is left out/);
    } finally {
      await page.close();
    }
  }, 30_000);

  it('starts a rule from a saved view: its metric, filters and dates, and a link back to the view', async () => {
    const saved = await fetch(url('/api/views'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${analystKey}` },
      body: JSON.stringify({
        name: 'Public opposition in English',
        page: 'explore',
        params: { metric: 'stance_oppose_share', group_by: 'actor', granularity: 'day', from: '2025-01-01', to: '2025-01-31', actor: 'public', lang: 'en' },
      }),
    });
    expect(saved.status).toBe(201);
    const view = (await saved.json()) as { id: string; url: string };
    const page = await browser!.newPage();
    try {
      await page.goto(url(`/alerts?from_view=${view.id}`));
      await page.waitForSelector('.rule-form');
      expect(await page.locator('#rule-name').inputValue()).toBe('Public opposition in English');
      expect(await page.locator('#rule-metric').inputValue()).toBe('stance_oppose_share');
      expect(await page.locator('#rule-filter-actor').inputValue()).toBe('public');
      expect(await page.locator('#rule-filter-lang').inputValue()).toBe('en');
      expect(await page.locator('#backtest-from').inputValue()).toBe('2025-01-01');
      expect(await page.locator('.rule-origin a').getAttribute('href')).toBe(view.url);
    } finally {
      await page.close();
    }
  }, 30_000);

  it('shows loading, error and retry states', async () => {
    const page = await browser!.newPage();
    try {
      // A saved view that does not exist: its error, not a blank form.
      await page.goto(url('/alerts?from_view=00000000-0000-4000-8000-000000000000'));
      await page.waitForSelector('.status-error');
      expect(await page.locator('.status-error').first().innerText()).toMatch(/Could not load the saved view/);

      // The feed while the API is slow, then unreachable, then back.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/alerts/feed*', async (route) => {
        await held;
        await route.abort('connectionrefused');
      });
      await page.goto(url('/alerts'));
      await page.waitForSelector('#alert-feed[data-state="loading"] .status-loading');
      release();
      await page.waitForSelector('#alert-feed[data-state="error"]');
      expect(await page.locator('#alert-feed [role="alert"]').innerText()).toMatch(/Could not load the feed/);
      await page.unroute('**/api/alerts/feed*');
      await page.locator('#alert-feed button', { hasText: 'Retry' }).click();
      await page.waitForSelector('#alert-feed[data-state="ready"]');
    } finally {
      await page.close();
    }
  }, 30_000);
});
