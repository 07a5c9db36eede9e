import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlertJob, createRedis, QueueName, type Redis } from '@rift/core';
import { testQueuePrefix, testRedisUrl } from '@rift/testing/redis';
import { RuleInputSchema, type AlertRule } from './rule.ts';
import { scheduleRule, syncSchedules, unscheduleRule } from './scheduler.ts';

let redis: Redis;
let queue: Queue<AlertJob>;

beforeAll(() => {
  redis = createRedis(testRedisUrl());
  queue = new Queue<AlertJob>(QueueName.alerts, { connection: redis, prefix: testQueuePrefix() });
});

afterAll(async () => {
  await queue?.close();
  redis?.disconnect();
});

const rule = (id: string, interval: string, enabled = true): AlertRule => ({
  ...RuleInputSchema.parse({ name: id, metric: 'volume', comparator: '>', threshold: 1, window: '1h', interval, enabled }),
  id,
  created_at: '2024-01-01T00:00:00.000Z',
  updated_at: '2024-01-01T00:00:00.000Z',
});

const schedulers = async () => Object.fromEntries((await queue.getJobSchedulers()).map((s) => [s.key, s.every]));

describe('alert schedules', () => {
  it('keeps one job scheduler per enabled rule, at its interval, and drops the others on sync', async () => {
    await scheduleRule(queue, rule('a', '5m'));
    await scheduleRule(queue, rule('b', '1h'));
    await scheduleRule(queue, rule('c', '1h', false));
    expect(await schedulers()).toEqual({ 'rule:a': 300_000, 'rule:b': 3_600_000 });

    // Rule a's interval changed, b was deleted, c enabled while no API process ran.
    await syncSchedules(queue, [rule('a', '10m'), rule('c', '30s')]);
    expect(await schedulers()).toEqual({ 'rule:a': 600_000, 'rule:c': 30_000 });

    await unscheduleRule(queue, 'a');
    await scheduleRule(queue, rule('c', '30s', false));
    expect(await schedulers()).toEqual({});
  });
});
