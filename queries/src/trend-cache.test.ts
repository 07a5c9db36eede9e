import { describe, expect, it } from 'vitest';
import type { ClickHouse } from '@rift/core';
import { cachedTrends } from './trend-cache.ts';
import type { TrendRequest, TrendSeries } from './trend-request.ts';

const NOW = Date.parse('2025-06-01T12:30:00Z');
const db = (database: string) => ({ database }) as ClickHouse;

function request(to: string, actors: string[]): TrendRequest {
  return {
    metric: 'volume',
    groupBy: 'actor',
    granularity: 'day',
    from: new Date('2025-01-01T00:00:00Z'),
    to: new Date(to),
    filters: { actor: actors } as TrendRequest['filters'],
  };
}

function counter() {
  const calls: TrendRequest[] = [];
  const run = async (_c: ClickHouse, r: TrendRequest): Promise<TrendSeries[]> => {
    calls.push(r);
    return [{ key: `answer ${calls.length}`, points: [] }];
  };
  return { calls, run };
}

describe('the trend cache', () => {
  it('answers a closed window from memory, whatever the order of filter values', async () => {
    const { calls, run } = counter();
    const first = await cachedTrends(db('a'), request('2025-05-01T00:00:00Z', ['public', 'media']), run, NOW);
    const second = await cachedTrends(db('a'), request('2025-05-01T00:00:00Z', ['media', 'public']), run, NOW + 1000);
    expect(calls).toHaveLength(1);
    expect(second).toBe(first);
  });

  it('asks again after the entry expires, for another database, and for another window', async () => {
    const { calls, run } = counter();
    await cachedTrends(db('b'), request('2025-05-02T00:00:00Z', ['public']), run, NOW);
    await cachedTrends(db('b'), request('2025-05-02T00:00:00Z', ['public']), run, NOW + 61_000);
    await cachedTrends(db('c'), request('2025-05-02T00:00:00Z', ['public']), run, NOW + 61_000);
    await cachedTrends(db('c'), request('2025-05-03T00:00:00Z', ['public']), run, NOW + 61_000);
    expect(calls).toHaveLength(4);
  });

  it('never caches a window that reaches into the current hour, where posts still arrive', async () => {
    const { calls, run } = counter();
    await cachedTrends(db('d'), request('2025-06-01T13:00:00Z', ['public']), run, NOW);
    await cachedTrends(db('d'), request('2025-06-01T13:00:00Z', ['public']), run, NOW);
    expect(calls).toHaveLength(2);
  });

  it('forgets a failed query so the next request tries again', async () => {
    let fail = true;
    const run = async (): Promise<TrendSeries[]> => {
      if (fail) throw new Error('ClickHouse unreachable');
      return [];
    };
    await expect(cachedTrends(db('e'), request('2025-05-04T00:00:00Z', []), run, NOW)).rejects.toThrow('unreachable');
    await new Promise((r) => setTimeout(r, 0));
    fail = false;
    await expect(cachedTrends(db('e'), request('2025-05-04T00:00:00Z', []), run, NOW)).resolves.toEqual([]);
  });
});
