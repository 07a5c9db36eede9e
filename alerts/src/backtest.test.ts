import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';
import { backtest } from './backtest.ts';
import { RuleInputSchema } from './rule.ts';
import { HOUR, SEED_START, seed } from '@rift/testing/alerts';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.clickhouse);
});

afterAll(async () => {
  await db?.drop();
});

const rule = RuleInputSchema.parse({
  name: 'backtest me',
  metric: 'stance_oppose_share',
  filters: { actor: ['public'] },
  comparator: '>',
  threshold: 0.6,
  recovery_threshold: 0.5,
  window: '1h',
  interval: '30m',
  for: '1h',
});

describe('backtest', () => {
  it('steps through the stored history at the rule interval and reports when it would have fired and resolved', async () => {
    const result = await backtest(db.clickhouse, rule, new Date(SEED_START + HOUR), new Date(SEED_START + 11 * HOUR));
    expect(result.steps).toBe(21);
    expect(result.episodes).toEqual([
      { pending_at: '2024-06-03T03:00:00.000Z', fired_at: '2024-06-03T04:00:00.000Z', resolved_at: '2024-06-03T07:00:00.000Z', peak_value: 0.75 },
    ]);
    expect(result.transitions.map((t) => `${t.at.slice(11, 16)} ${t.from}>${t.to}`)).toEqual([
      '03:00 ok>pending',
      '04:00 pending>firing',
      '07:00 firing>resolved',
      '07:30 resolved>ok',
    ]);
    // Each point has its value and n; the last hour has too few posts to judge.
    expect(result.points[0]).toEqual({ at: '2024-06-03T01:00:00.000Z', value: 0.3, n: 40, status: 'ok', insufficient: false });
    expect(result.points.find((p) => p.at === '2024-06-03T10:00:00.000Z')).toEqual({ at: '2024-06-03T10:00:00.000Z', value: 1, n: 10, status: 'ok', insufficient: true });
    expect(result.points.at(-1)).toEqual({ at: '2024-06-03T11:00:00.000Z', value: null, n: 0, status: 'ok', insufficient: true });
  });

  it('fires later with a longer "for", not at all when the rise is shorter than "for" or the threshold is never passed', async () => {
    const slow = await backtest(db.clickhouse, { ...rule, for: '90m' }, new Date(SEED_START + HOUR), new Date(SEED_START + 11 * HOUR));
    expect(slow.episodes.map((e) => [e.fired_at, e.resolved_at])).toEqual([['2024-06-03T04:30:00.000Z', '2024-06-03T07:00:00.000Z']]);
    // The rise lasts two hours (02:00-04:00 windows); the dip to 0.55 ends the pending run.
    const tooSlow = await backtest(db.clickhouse, { ...rule, for: '2h' }, new Date(SEED_START + HOUR), new Date(SEED_START + 11 * HOUR));
    expect(tooSlow.episodes).toEqual([]);
    const never = await backtest(db.clickhouse, { ...rule, threshold: 0.8, recovery_threshold: 0.8 }, new Date(SEED_START), new Date(SEED_START + 11 * HOUR));
    expect(never.episodes).toEqual([]);
  });

  it('refuses a backtest with too many steps, naming the limit', async () => {
    await expect(backtest(db.clickhouse, { ...rule, interval: '10s' }, new Date(SEED_START), new Date(SEED_START + 30 * 24 * HOUR))).rejects.toThrow(/at most 20000/);
  });
});
