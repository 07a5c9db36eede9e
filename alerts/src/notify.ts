import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { FILTERS } from '@rift/queries';
import type { WindowObservation } from './evaluate.ts';
import { metricDefinition, recoveryThreshold, type AlertRule } from './rule.ts';
import type { Transition } from './state-machine.ts';

/**
 * What a state change says and where it goes. Every notification carries the observed value,
 * the thresholds, n and two links: the dashboard view of the rule's slice and its example posts.
 * Webhooks get the JSON body signed with HMAC-SHA256 under the rule's secret
 * (`X-Rift-Signature: sha256=<hex of the raw body>`); Slack-compatible hooks get `{ text }`.
 */

export const SIGNATURE_HEADER = 'x-rift-signature';

export interface Notification {
  rule: { id: string; name: string; metric: string; definition: string; comparator: string; filters: AlertRule['filters'] };
  from: Transition['from'];
  state: Transition['to'];
  at: string;
  value: number | null;
  n: number;
  threshold: number;
  recovery_threshold: number;
  min_sample: number;
  window: { from: string; to: string };
  links: { view: string; posts: string };
  /** Two or three posts of the slice in the window, so the reader sees what moved without a click. */
  examples: NotificationExample[];
  test: boolean;
}

export interface NotificationExample {
  source: string;
  id: string;
  url: string;
  created_at: string;
  author: string;
  text: string;
  synthetic: boolean;
}

export interface DeliveryOptions {
  /** Where the dashboard and API are reached, for links (e.g. http://localhost:8080). */
  baseUrl: string;
  /** Attempts per channel, with delays doubling from retryBaseMs. */
  attempts?: number;
  retryBaseMs?: number;
  timeoutMs?: number;
}

function sliceParams(filters: AlertRule['filters'], window: { from: string; to: string }): URLSearchParams {
  const params = new URLSearchParams({ from: window.from, to: window.to });
  for (const name of FILTERS) {
    const values = filters[name];
    if (values) params.set(name, values.join(','));
  }
  return params;
}

/** The Explorer's metric for a trend metric it can draw (the z-score is a view of volume). */
const EXPLORER_METRIC: Partial<Record<AlertRule['metric'], string>> = {
  volume: 'volume',
  volume_zscore: 'volume',
  sentiment_mean: 'sentiment_mean',
  stance_oppose_share: 'stance_oppose_share',
  stance_support_share: 'stance_support_share',
};

/**
 * Links to a rule's slice over one window: the dashboard page that draws it (the divide for the
 * divide metrics, else the Explorer) and the posts behind it. Notifications and the feed share them.
 */
export function sliceLinks(rule: Pick<AlertRule, 'metric' | 'filters'>, window: { from: string; to: string }, baseUrl: string): Notification['links'] {
  const base = baseUrl.replace(/\/+$/, '');
  const divide = rule.metric === 'divide_stance' || rule.metric === 'divide_sentiment';
  const view = divide ? new URLSearchParams({ granularity: 'day', from: window.from, to: window.to }) : sliceParams(rule.filters, window);
  if (!divide) {
    view.set('granularity', 'day');
    view.set('group_by', 'actor');
    view.set('metric', EXPLORER_METRIC[rule.metric] ?? 'volume');
  }
  return { view: `${base}/${divide ? '' : 'explore'}?${view}`, posts: `${base}/api/posts?${sliceParams(rule.filters, window)}` };
}

export function buildNotification(
  rule: AlertRule,
  transition: Transition,
  obs: WindowObservation,
  baseUrl: string,
  test = false,
  examples: NotificationExample[] = [],
): Notification {
  const window = { from: obs.window_from, to: obs.window_to };
  return {
    rule: { id: rule.id, name: rule.name, metric: rule.metric, definition: metricDefinition(rule.metric), comparator: rule.comparator, filters: rule.filters },
    from: transition.from,
    state: transition.to,
    at: new Date(transition.at).toISOString(),
    value: obs.value,
    n: obs.n,
    threshold: rule.threshold,
    recovery_threshold: recoveryThreshold(rule),
    min_sample: rule.min_sample,
    window,
    links: sliceLinks(rule, window, baseUrl),
    examples,
    test,
  };
}

export function notificationText(n: Notification): string {
  const value = n.value === null ? 'no value' : Number(n.value.toFixed(4)).toString();
  const head = n.test ? '[test] ' : '';
  const what = n.state === 'firing' ? 'is firing' : n.state === 'resolved' ? 'has resolved' : `is ${n.state}`;
  return (
    `${head}Rift alert "${n.rule.name}" ${what}: ${n.rule.metric} = ${value} (threshold ${n.rule.comparator} ${n.threshold}, ` +
    `recovers past ${n.recovery_threshold}), n = ${n.n}, window ${n.window.from} to ${n.window.to}. View: ${n.links.view} Posts: ${n.links.posts}` +
    n.examples.map((e) => `\n> ${e.author ? `@${e.author}: ` : ''}${e.text}${e.synthetic ? ' [synthetic]' : ''} (${e.url || `${e.source}/${e.id}`})`).join('')
  );
}

export function sign(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs a body, retrying network errors, 429 and 5xx with exponential backoff; other 4xx are final. */
async function post(url: string, body: string, headers: Record<string, string>, options: DeliveryOptions): Promise<void> {
  const attempts = options.attempts ?? 5;
  const baseMs = options.retryBaseMs ?? 1000;
  let problem = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await res.body?.cancel();
      if (res.ok) return;
      problem = `HTTP ${res.status}`;
      if (res.status < 500 && res.status !== 429) break;
    } catch (err) {
      problem = (err as Error).message;
    }
    if (attempt < attempts) await sleep(baseMs * 2 ** (attempt - 1));
  }
  throw new Error(`delivery to ${new URL(url).host} failed: ${problem}`);
}

export interface DeliveryResult {
  channel: 'webhook' | 'slack';
  ok: boolean;
  error?: string;
}

/** Sends to every channel of the rule (the in-app feed is the history table, written by the caller). */
export async function deliver(rule: AlertRule, notification: Notification, options: DeliveryOptions): Promise<DeliveryResult[]> {
  const jobs: Array<Promise<DeliveryResult>> = [];
  const { webhook, slack } = rule.channels;
  if (webhook) {
    const body = JSON.stringify(notification);
    const headers: Record<string, string> = webhook.secret ? { [SIGNATURE_HEADER]: sign(body, webhook.secret) } : {};
    jobs.push(
      post(webhook.url, body, headers, options).then(
        () => ({ channel: 'webhook' as const, ok: true }),
        (err: Error) => ({ channel: 'webhook' as const, ok: false, error: err.message }),
      ),
    );
  }
  if (slack) {
    jobs.push(
      post(slack.url, JSON.stringify({ text: notificationText(notification) }), {}, options).then(
        () => ({ channel: 'slack' as const, ok: true }),
        (err: Error) => ({ channel: 'slack' as const, ok: false, error: err.message }),
      ),
    );
  }
  return Promise.all(jobs);
}
