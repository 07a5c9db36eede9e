import { createHmac } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueName } from '@rift/core';
import { ApiKeyStore } from '../auth/key-store.ts';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { HOUR, SEED_START, seed, startReceiver, type Receiver } from '@rift/testing/alerts';
import { evaluateAndRecord } from '@rift/alerts';

let t: TestApp;
let receiver: Receiver;
const keys: Record<'viewer' | 'analyst', string> = { viewer: '', analyst: '' };
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const as = (role: keyof typeof keys) => ({ authorization: `Bearer ${keys[role]}` });

beforeAll(async () => {
  t = await createTestApp({ protection: { publicReads: true, keyCacheMs: 0 } });
  const store = new ApiKeyStore(t.clickhouse);
  keys.viewer = (await store.create('viewer', 'viewer')).key;
  keys.analyst = (await store.create('analyst', 'analyst')).key;
  receiver = await startReceiver();
  await seed(t.clickhouse);
});

afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const ruleBody = () => ({
  name: 'Opposition surge',
  metric: 'stance_oppose_share',
  filters: { actor: ['public'] },
  comparator: '>',
  threshold: 0.6,
  recovery_threshold: 0.5,
  window: '1h',
  interval: '1h',
  for: '1h',
  channels: { webhook: { url: receiver.url }, slack: { url: `${receiver.url}/slack-secret-path` } },
});

describe('/api/alerts', () => {
  it('refuses writes without a key (401) or without the analyst role (403)', async () => {
    const writes = [
      { method: 'POST' as const, url: '/api/alerts', payload: ruleBody() },
      { method: 'PUT' as const, url: `/api/alerts/${UNKNOWN}`, payload: ruleBody() },
      { method: 'DELETE' as const, url: `/api/alerts/${UNKNOWN}` },
      { method: 'POST' as const, url: `/api/alerts/${UNKNOWN}/test` },
      { method: 'POST' as const, url: '/api/alerts/backtest', payload: { id: UNKNOWN } },
    ];
    for (const w of writes) {
      const anonymous = await t.app.inject(w);
      expect(anonymous.statusCode, `${w.method} ${w.url}`).toBe(401);
      expect(anonymous.json()).toEqual({ error: 'Unauthorized', message: expect.stringContaining('analyst') });
      const viewer = await t.app.inject({ ...w, headers: as('viewer') });
      expect(viewer.statusCode, `${w.method} ${w.url}`).toBe(403);
    }
  });

  it('creates, schedules, lists, updates and deletes a rule; secrets and hook URLs are not shown to viewers', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/alerts', payload: ruleBody(), headers: as('analyst') });
    expect(created.statusCode).toBe(201);
    const rule = created.json();
    expect(rule).toMatchObject({ name: 'Opposition surge', enabled: true, min_sample: 30, cooldown: '0s', webhook_secret: expect.stringMatching(/^[0-9a-f]{48}$/) });
    expect(rule.channels.webhook).toEqual({ url: receiver.url });

    const queue = new Queue(QueueName.alerts, { connection: t.redis, prefix: t.queuePrefix });
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain(`rule:${rule.id}`);

    const anonymous = (await t.app.inject({ url: '/api/alerts' })).json();
    expect(anonymous.rules).toHaveLength(1);
    expect(anonymous.rules[0]).toMatchObject({ id: rule.id, state: null, channels: { slack: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/\.\.\.$/) } } });
    expect(JSON.stringify(anonymous)).not.toContain(rule.webhook_secret);
    expect(JSON.stringify(anonymous)).not.toContain('slack-secret-path');
    const analystView = (await t.app.inject({ url: `/api/alerts/${rule.id}`, headers: as('analyst') })).json();
    expect(analystView.channels.slack.url).toContain('slack-secret-path');
    expect(JSON.stringify(analystView)).not.toContain(rule.webhook_secret);

    const bad = await t.app.inject({ method: 'PUT', url: `/api/alerts/${rule.id}`, payload: { ...ruleBody(), window: '90m', recovery_threshold: 0.7 }, headers: as('analyst') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/window must be whole hours.*recovery_threshold must be at most threshold/);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/alerts', payload: { ...ruleBody(), colour: 'red' }, headers: as('analyst') });
    expect(unknown.statusCode).toBe(400);

    const updated = await t.app.inject({ method: 'PUT', url: `/api/alerts/${rule.id}`, payload: { ...ruleBody(), enabled: false, threshold: 0.65 }, headers: as('analyst') });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id: rule.id, threshold: 0.65, enabled: false, created_at: rule.created_at });
    expect((await queue.getJobSchedulers()).map((s) => s.key)).not.toContain(`rule:${rule.id}`);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/alerts/${rule.id}`, headers: as('analyst') })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/alerts/${rule.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/alerts' })).json().rules).toEqual([]);
    await queue.close();
  });

  it('backtests an unsaved rule over the stored posts', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/alerts/backtest',
      payload: { rule: ruleBody(), from: '2024-06-03T01:00:00Z', to: '2024-06-03T10:00:00Z' },
      headers: as('analyst'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().episodes).toEqual([
      { pending_at: '2024-06-03T03:00:00.000Z', fired_at: '2024-06-03T04:00:00.000Z', resolved_at: '2024-06-03T07:00:00.000Z', peak_value: 0.75 },
    ]);
    const neither = await t.app.inject({ method: 'POST', url: '/api/alerts/backtest', payload: {}, headers: as('analyst') });
    expect(neither.statusCode).toBe(400);
  });

  it('sends a signed test notification, and shows each rule history and the feed', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/alerts', payload: ruleBody(), headers: as('analyst') })).json();
    receiver.received.length = 0;
    const test = await t.app.inject({ method: 'POST', url: `/api/alerts/${created.id}/test`, headers: as('analyst') });
    expect(test.statusCode).toBe(200);
    expect(test.json().deliveries).toEqual([{ channel: 'webhook', ok: true }, { channel: 'slack', ok: true }]);
    const webhook = receiver.received.find((r) => r.headers['x-rift-signature'])!;
    expect(webhook.headers['x-rift-signature']).toBe(`sha256=${createHmac('sha256', created.webhook_secret).update(webhook.body).digest('hex')}`);
    expect(JSON.parse(webhook.body)).toMatchObject({ test: true, rule: { id: created.id }, threshold: 0.6, min_sample: 30 });

    const deps = { clickhouse: t.clickhouse, redis: t.redis, prefix: t.queuePrefix, delivery: { baseUrl: 'http://rift.test', retryBaseMs: 10 } };
    for (let h = 3; h <= 8; h++) await evaluateAndRecord(created.id, deps, SEED_START + h * HOUR);
    const history = await t.app.inject({ url: `/api/alerts/${created.id}/history` });
    expect(history.json().history.map((e: { to: string }) => e.to)).toEqual(['ok', 'resolved', 'firing', 'pending']);
    const feed = await t.app.inject({ url: '/api/alerts/feed?limit=2' });
    expect(feed.json().feed).toMatchObject([
      { rule_id: created.id, rule_name: 'Opposition surge', from: 'resolved', to: 'ok' },
      { from: 'firing', to: 'resolved', value: 0.4, n: 40, threshold: 0.6, recovery_threshold: 0.5 },
    ]);
    // Each entry links to its slice over the evaluated window, as notifications do.
    const window = 'from=2024-06-03T06%3A00%3A00.000Z&to=2024-06-03T07%3A00%3A00.000Z&actor=public';
    expect(feed.json().feed[1].links).toEqual({
      view: `/explore?${window}&granularity=day&group_by=actor&metric=stance_oppose_share`,
      posts: `/api/posts?${window}`,
    });
    const state = (await t.app.inject({ url: `/api/alerts/${created.id}` })).json().state;
    expect(state).toMatchObject({ status: 'ok', episodes: 1 });
    expect((await t.app.inject({ url: `/api/alerts/${UNKNOWN}/history` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/alerts/nope/history' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/alerts/feed?limit=0' })).statusCode).toBe(400);
  });

  it('lists the metrics a rule can watch, each with its definition', async () => {
    const res = await t.app.inject({ url: '/api/alerts/metrics' });
    expect(res.statusCode).toBe(200);
    const metrics: Array<{ name: string; definition: string }> = res.json().metrics;
    expect(metrics.map((m) => m.name)).toEqual(expect.arrayContaining(['volume', 'stance_oppose_share', 'divide_stance', 'volume_zscore']));
    expect(metrics.find((m) => m.name === 'volume_zscore')?.definition).toMatch(/z-score against the previous baseline_windows/);
  });
});
