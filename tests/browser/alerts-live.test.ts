// An alert on live data, end to end, with nothing evaluated by hand: the stack runs the alerts role
// (BullMQ job schedulers and the worker, as `rift start` does) on posts written in the last hour; an
// analyst saves a rule in the browser; the scheduler's evaluations fire it once, and posts of the
// other stance, sent through the real queue and analyze worker, resolve it. The test only watches:
// the in-app feed in the browser and a signed webhook on loopback.
import { createHmac } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostInput } from '@rift/core';
import { startReceiver, type Receiver } from '@rift/testing/alerts';
import { startTestStack, type TestStack } from '@rift/testing/stack';
import { launchBrowser } from './browser.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = path.join(ROOT, 'docs/screenshots/alerts-live.png');
const HOUR = 3_600_000;
const SOURCE = 'live';
/** The rule's evaluation interval: the smallest one a rule allows (alerts/src/rule.ts). */
const INTERVAL = '10s';
/** Long enough for a few evaluations every 10 s on a loaded two-core machine. */
const WAIT = { timeout: 45_000, interval: 1000 };

// Texts the analyzer labels oppose_ban and support_ban (checked below through the API).
const OPPOSE = [
  'Do not ban TikTok! #SaveTikTok',
  'Banning TikTok is unconstitutional, keep TikTok alive',
  'Hands off my TikTok. This ban is a terrible idea and Congress should drop it',
  'The TikTok ban is wrong, it silences millions of creators',
];
const SUPPORT = [
  'TikTok is Chinese spyware and a national security threat. Ban TikTok now.',
  'Ban TikTok already, the CCP reads everything we post',
  'Good riddance, TikTok should be banned for protecting our data from China',
  'I support the TikTok ban, national security comes first',
];

/**
 * `count` posts of the public cycling through `texts`, half in the last complete clock hour and
 * half in the current hour so far. A 1h rule reads the last complete hour; if the hour turns
 * during the test it reads the one that was current, and each hour holds the same mix, so the
 * rule sees the same share whichever hour it reads.
 */
function publicPosts(texts: string[], count: number, tag: string): PostInput[] {
  const now = Date.now();
  const hourStart = Math.floor(now / HOUR) * HOUR;
  return Array.from({ length: count }, (_, i) => {
    const half = i % 2;
    const step = Math.floor(i / 2) / (count / 2);
    const at = half === 0 ? hourStart - HOUR + step * HOUR : hourStart + step * (now - hourStart);
    return {
      source: SOURCE,
      id: `${tag}-${i}`,
      author: { handle: `viewer${i}.example`, name: `Viewer ${i}`, description: '', verified_domain: '' },
      created_at: new Date(Math.floor(at)).toISOString(),
      text: texts[i % texts.length]!,
      lang_hint: 'en',
    };
  });
}

let stack: TestStack | undefined;
let browser: Browser | undefined;
let receiver: Receiver | undefined;
let analystKey = '';

beforeAll(async () => {
  // Only this test's posts: the share a rule sees is the test's own.
  stack = await startTestStack({ posts: 0, extra: publicPosts(OPPOSE, 24, 'oppose'), alerts: true });
  analystKey = await stack.createKey('analyst');
  receiver = await startReceiver();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await stack?.close();
});

const url = (pathAndQuery: string) => new URL(pathAndQuery, stack!.baseUrl).toString();

async function api<T>(pathAndQuery: string): Promise<T> {
  const response = await fetch(url(pathAndQuery), { headers: { authorization: `Bearer ${analystKey}` } });
  expect(response.status, pathAndQuery).toBe(200);
  return (await response.json()) as T;
}

/** How many of the source's public posts the analyzer gave this stance. */
const stanceCount = async (stance: string) =>
  (await api<{ posts: unknown[] }>(`/api/posts?source=${SOURCE}&actor=public&stance=${stance}&limit=500`)).posts.length;

/** Refreshes the feed in the page, waits for that read, and lists the rule's changes (newest first). */
async function feedOf(page: Page, ruleId: string): Promise<Array<string | null>> {
  const reads = await page.locator('#alert-feed').getAttribute('data-reads');
  await page.locator('#alert-feed button', { hasText: 'Refresh feed' }).click();
  await page.waitForSelector(`#alert-feed[data-state="ready"]:not([data-reads="${reads}"])`);
  return page.locator(`#alert-feed .feed-entry[data-rule-id="${ruleId}"]`).evaluateAll((els) => els.map((el) => el.getAttribute('data-to')));
}

/** What the signed webhook has been told, in order. */
const webhookStates = () => receiver!.received.filter((r) => r.headers['x-rift-signature']).map((r) => JSON.parse(r.body).state as string);

describe('dashboard: an alert on live data', () => {
  it('the scheduler fires a rule once on the last hour of posts, and resolves it when posts of the other stance arrive', async () => {
    // The premise: the analyzer reads the stack's posts as opposing the ban.
    expect(await stanceCount('oppose_ban')).toBe(24);

    const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(url('/alerts'));
      await page.getByRole('textbox', { name: 'API key' }).fill(analystKey);
      await page.getByRole('button', { name: 'Use key' }).click();
      await page.locator('#new-rule').click();
      await page.waitForSelector('.rule-form');
      await page.fill('#rule-name', 'Public opposition, last hour');
      await page.selectOption('#rule-metric', 'stance_oppose_share');
      await page.fill('#rule-filter-actor', 'public');
      await page.fill('#rule-filter-source', SOURCE);
      await page.selectOption('#rule-comparator', '>');
      await page.fill('#rule-threshold', '0.6');
      await page.fill('#rule-recovery', '0.4');
      await page.fill('#rule-window', '1h');
      await page.fill('#rule-interval', INTERVAL);
      await page.fill('#rule-for', '0s');
      // No cool-down: after resolving, the next evaluations may start a new episode, and must not.
      await page.fill('#rule-cooldown', '0s');
      await page.fill('#rule-min-sample', '10');
      await page.fill('#rule-webhook-url', receiver!.url);
      await page.getByRole('button', { name: 'Save rule' }).click();
      await page.waitForSelector('.rule-notice');
      const notice = await page.locator('.rule-notice').innerText();
      expect(notice).toMatch(/it is evaluated every 10s/);
      const secret = /secret[^:]*: ([0-9a-f]{48})/.exec(notice)?.[1];
      expect(secret).toBeDefined();
      const ruleId = (await page.locator('.rule-table tr[data-rule-id]').getAttribute('data-rule-id'))!;

      // The job scheduler evaluates it: the last hour's oppose share is 1, so it fires at once (for 0s).
      await expect.poll(() => feedOf(page, ruleId), WAIT).toEqual(['firing', 'pending']);
      const firing = page.locator(`#alert-feed .feed-entry[data-rule-id="${ruleId}"][data-to="firing"]`);
      expect(await firing.innerText()).toMatch(/Value 100% \(n = 12\); threshold 60%, recovery 40%; window/);
      await expect.poll(webhookStates, WAIT).toEqual(['firing']);
      const firedAt = Date.parse(JSON.parse(receiver!.received[0]!.body).at);

      // Later evaluations while it is still firing do not fire it again.
      const evaluatedAt = async () => Date.parse((await api<{ state: { evaluated_at: string } | null }>(`/api/alerts/${ruleId}`)).state?.evaluated_at ?? '');
      await expect.poll(evaluatedAt, WAIT).toBeGreaterThan(firedAt);
      await page.locator('#alert-rules button', { hasText: 'Refresh rules' }).click();
      await page.waitForSelector(`tr[data-rule-id="${ruleId}"][data-status="firing"]`);
      expect(await feedOf(page, ruleId)).toEqual(['firing', 'pending']);
      expect(webhookStates()).toEqual(['firing']);

      // Twice as many posts supporting the ban, through the queue and the analyze worker: the share falls to 1/3.
      await stack!.addPosts(publicPosts(SUPPORT, 48, 'support'));
      expect(await stanceCount('support_ban')).toBe(48);
      await expect.poll(() => feedOf(page, ruleId), WAIT).toContain('resolved');
      // With no cool-down the next evaluation ends the episode; a share under the threshold starts no new one.
      await expect.poll(() => feedOf(page, ruleId), WAIT).toEqual(['ok', 'resolved', 'firing', 'pending']);
      const resolved = page.locator(`#alert-feed .feed-entry[data-rule-id="${ruleId}"][data-to="resolved"]`);
      expect(await resolved.innerText()).toMatch(/Value 33\.3% \(n = 36\)/);

      // The webhook heard the one firing and its end, each signed with the rule's secret.
      await expect.poll(webhookStates, WAIT).toEqual(['firing', 'resolved']);
      for (const w of receiver!.received) expect(w.headers['x-rift-signature']).toBe(`sha256=${createHmac('sha256', secret!).update(w.body).digest('hex')}`);
      await page.locator('#alert-rules button', { hasText: 'Refresh rules' }).click();
      await page.waitForSelector(`tr[data-rule-id="${ruleId}"][data-status="ok"]`);

      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 150_000);
});
