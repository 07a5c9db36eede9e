import { createHmac } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlertJob, createRedis, QueueName, type Redis } from '@rift/core';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';
import { testQueuePrefix, testRedisUrl } from '@rift/testing/redis';
import { getState, listHistory } from './history-store.ts';
import { RuleInputSchema, type RuleInput } from './rule.ts';
import { createRule } from './rule-store.ts';
import { HOUR, SEED_START, seed, startReceiver, type Receiver } from '@rift/testing/alerts';
import { evaluateAndRecord, startAlertsWorker, type AlertDeps } from './worker.ts';

let db: TestDatabase;
let redis: Redis;
let receiver: Receiver;
let deps: AlertDeps;
const SECRET = 'a-shared-secret-of-some-length';

beforeAll(async () => {
  db = await createTestDatabase();
  redis = createRedis(testRedisUrl());
  receiver = await startReceiver();
  deps = { clickhouse: db.clickhouse, redis, prefix: testQueuePrefix(), delivery: { baseUrl: 'http://rift.test', retryBaseMs: 20 } };
  await seed(db.clickhouse);
});

afterAll(async () => {
  await receiver?.close();
  redis?.disconnect();
  await db?.drop();
});

const opposeRule = (overrides: Partial<RuleInput> = {}) =>
  RuleInputSchema.parse({
    name: 'Public opposition surges',
    metric: 'stance_oppose_share',
    filters: { actor: ['public'] },
    comparator: '>',
    threshold: 0.6,
    recovery_threshold: 0.5,
    window: '1h',
    interval: '1h',
    for: '1h',
    channels: { webhook: { url: receiver.url, secret: SECRET }, slack: { url: receiver.url } },
    ...overrides,
  });

/** Evaluates at 5 past each hour from 01:05 to 10:05, as the scheduler would. */
async function runHours(ruleId: string) {
  const outcomes = [];
  for (let h = 1; h <= 10; h++) outcomes.push(await evaluateAndRecord(ruleId, deps, SEED_START + h * HOUR + 5 * 60_000));
  return outcomes;
}

describe('alert evaluation on seeded posts', () => {
  it('fires exactly once when the oppose share crosses the threshold, holds through a dip above the recovery threshold, and resolves', async () => {
    receiver.received.length = 0;
    const rule = await createRule(db.clickhouse, opposeRule());
    const outcomes = await runHours(rule.id);

    const changes = outcomes.flatMap((o) => o.transitions.map((t) => `${new Date(t.at).toISOString().slice(11, 16)} ${t.from}>${t.to}`));
    expect(changes).toEqual(['03:05 ok>pending', '04:05 pending>firing', '07:05 firing>resolved', '08:05 resolved>ok']);

    // Stored: the history (newest first) and the final state, which says the tiny last hour was not enough.
    const history = await listHistory(db.clickhouse, { ruleId: rule.id, limit: 100 });
    expect(history.map((h) => `${h.from}>${h.to}`)).toEqual(['resolved>ok', 'firing>resolved', 'pending>firing', 'ok>pending']);
    expect(history[2]).toMatchObject({ value: 0.75, n: 40, threshold: 0.6, recovery_threshold: 0.5 });
    expect(await getState(db.clickhouse, rule.id)).toMatchObject({ status: 'ok', episodes: 1, insufficient: true, last: { n: 10, value: 1 } });

    // Channels hear firing and resolved only: one webhook and one Slack message each.
    const webhooks = receiver.received.filter((r) => r.headers['x-rift-signature']);
    const slack = receiver.received.filter((r) => !r.headers['x-rift-signature']);
    expect(webhooks).toHaveLength(2);
    expect(slack).toHaveLength(2);
    for (const w of webhooks) {
      const expected = `sha256=${createHmac('sha256', SECRET).update(w.body).digest('hex')}`;
      expect(w.headers['x-rift-signature']).toBe(expected);
    }
    const fired = JSON.parse(webhooks[0]!.body);
    expect(fired).toMatchObject({
      state: 'firing',
      from: 'pending',
      value: 0.75,
      n: 40,
      threshold: 0.6,
      recovery_threshold: 0.5,
      window: { from: '2024-06-03T03:00:00.000Z', to: '2024-06-03T04:00:00.000Z' },
      rule: { id: rule.id, metric: 'stance_oppose_share' },
    });
    expect(fired.links.view).toBe('http://rift.test/explore?from=2024-06-03T03%3A00%3A00.000Z&to=2024-06-03T04%3A00%3A00.000Z&actor=public&granularity=day&group_by=actor&metric=stance_oppose_share');
    expect(fired.links.posts).toBe('http://rift.test/api/posts?from=2024-06-03T03%3A00%3A00.000Z&to=2024-06-03T04%3A00%3A00.000Z&actor=public');
    // Three posts of the slice and window travel inline, in the posts link's order.
    expect(fired.examples).toHaveLength(3);
    for (const e of fired.examples) {
      expect(e.created_at >= '2024-06-03T03:00:00' && e.created_at < '2024-06-03T04:00:00').toBe(true);
      expect(typeof e.text).toBe('string');
    }
    expect(JSON.parse(slack[0]!.body).text.split('\n> ')).toHaveLength(4);
    expect(JSON.parse(webhooks[1]!.body)).toMatchObject({ state: 'resolved', value: 0.4, n: 40 });
    expect(JSON.parse(slack[0]!.body).text).toMatch(/^Rift alert "Public opposition surges" is firing: stance_oppose_share = 0\.75 .*n = 40/);
  });

  it('does not fire on a sample smaller than min_sample', async () => {
    // A threshold only the 10-post hour (share 1) passes.
    const rule = await createRule(db.clickhouse, opposeRule({ threshold: 0.9, recovery_threshold: 0.9, for: '0s', channels: {} }));
    const outcomes = await runHours(rule.id);
    expect(outcomes.flatMap((o) => o.transitions)).toEqual([]);
    expect(await getState(db.clickhouse, rule.id)).toMatchObject({ status: 'ok', insufficient: true });
  });

  it('retries a webhook that answers 500, then 200', async () => {
    const flaky = await startReceiver([500, 503]);
    try {
      const rule = await createRule(db.clickhouse, opposeRule({ for: '0s', channels: { webhook: { url: flaky.url, secret: SECRET } } }));
      const outcome = await evaluateAndRecord(rule.id, deps, SEED_START + 3 * HOUR);
      expect(outcome.status).toBe('firing');
      expect(outcome.deliveries).toEqual([{ channel: 'webhook', ok: true }]);
      expect(flaky.received.map((r) => r.status)).toEqual([500, 503, 200]);
      // Every attempt carries the same signed body.
      expect(new Set(flaky.received.map((r) => r.body)).size).toBe(1);
    } finally {
      await flaky.close();
    }
  });

  it('gives up on a webhook after its attempts and keeps the state change', async () => {
    const broken = await startReceiver([500, 500, 500]);
    try {
      const rule = await createRule(db.clickhouse, opposeRule({ for: '0s', channels: { webhook: { url: broken.url } } }));
      const outcome = await evaluateAndRecord(rule.id, { ...deps, delivery: { ...deps.delivery, attempts: 3 } }, SEED_START + 3 * HOUR);
      expect(outcome.deliveries).toEqual([{ channel: 'webhook', ok: false, error: expect.stringContaining('HTTP 500') }]);
      expect(broken.received).toHaveLength(3);
      expect((await getState(db.clickhouse, rule.id))?.status).toBe('firing');
    } finally {
      await broken.close();
    }
  });

  it('evaluates rules scheduled on the alerts queue', async () => {
    const rule = await createRule(db.clickhouse, opposeRule({ channels: {} }));
    const queue = new Queue<AlertJob>(QueueName.alerts, { connection: redis, prefix: deps.prefix });
    // QueueEvents blocks on its connection, so it gets its own.
    const eventsConnection = redis.duplicate();
    const events = new QueueEvents(QueueName.alerts, { connection: eventsConnection, prefix: deps.prefix });
    const worker = startAlertsWorker(deps);
    try {
      await events.waitUntilReady();
      const job = await queue.add('evaluate', { ruleId: rule.id });
      const outcome = await job.waitUntilFinished(events, 20_000);
      expect(outcome).toMatchObject({ ruleId: rule.id, status: 'ok' });
      expect(await getState(db.clickhouse, rule.id)).toMatchObject({ status: 'ok', insufficient: true });
    } finally {
      await worker.close();
      await events.close();
      await queue.close();
      eventsConnection.disconnect();
    }
  });
});
