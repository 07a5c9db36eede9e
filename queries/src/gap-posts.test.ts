import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSourceRun, newRunId, POSTS_TABLE, queryRunExtents, queryRuns, sql, TRENDS_HOURLY_TABLE } from '@rift/core';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow } from '@rift/testing/posts';
import { findGaps, queryGaps, type Gap, type GapQuery } from './gaps.ts';

/**
 * queryGaps reads the hourly counts only as far as the window's judgement reaches. Here its answer
 * is compared, window by window, with findGaps given every hour of every source at any time (read
 * from trends_hourly_v1, as the gaps were found before the bounded read), on irregular data.
 */
let t: TestApp;

const HOUR = 3_600_000;
const START = Date.parse('2025-03-01T00:00:00Z');
const DAYS = 12;

/** Posts per hour of a source: a day-night rhythm with silences of 3 to 60 hours at fixed places. */
function perHour(source: string, h: number): number {
  const silences = source === 'a' ? [[20, 23], [50, 110], [160, 163], [200, 230]] : [[5, 70], [120, 126], [250, 288]];
  if (silences.some(([from, to]) => h >= from! && h < to!)) return 0;
  return ((h % 24) < 6 ? 1 : 4) + (source === 'b' ? 2 : 0);
}

beforeAll(async () => {
  t = await createTestApp();
  const rows = [];
  for (const source of ['a', 'b']) {
    for (let h = 0; h < DAYS * 24; h++) {
      for (let k = 0; k < perHour(source, h); k++) {
        rows.push(postRow({ id: `${source}-${h}-${k}`, source, created_at: new Date(START + h * HOUR + k * 60_000).toISOString(), actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0 }));
      }
    }
  }
  await t.clickhouse.insert(POSTS_TABLE, rows);
  const run = (source: string, hour: number, kind: 'poll' | 'import', error?: string) =>
    insertSourceRun(t.clickhouse, { id: newRunId(), source, kind, started_at: new Date(START + hour * HOUR + 600_000), finished_at: new Date(START + hour * HOUR + 660_000), posts_collected: 0, error });
  await run('a', 70, 'poll', 'HTTP 503');
  await run('a', 215, 'poll', 'timeout');
  await run('b', -30, 'poll');
  await run('b', DAYS * 24 + 40, 'poll');
  await run('c', 100, 'import', 'refused');
});

afterAll(async () => {
  await t?.close();
});

/** The gaps as found from every stored hour, with nothing bounded. */
async function gapsFromEveryHour(query: GapQuery): Promise<Gap[]> {
  const rows = await t.clickhouse.query<{ source: string; t: number; n: string }>(sql`
    SELECT source, toUInt32(hour) AS t, sumMerge(posts) AS n FROM ${t.clickhouse.table(TRENDS_HOURLY_TABLE)}
    GROUP BY source, hour HAVING n > 0`);
  const [failedRuns, runExtents] = await Promise.all([queryRuns(t.clickhouse, { ...query, failedOnly: true }), queryRunExtents(t.clickhouse)]);
  const sources = [...new Set([...rows.map((r) => r.source), ...runExtents.keys(), ...failedRuns.map((r) => r.source)])].sort();
  return sources.flatMap((source) => {
    const postsByHour = new Map(rows.filter((r) => r.source === source).map((r) => [Number(r.t) * 1000, Number(r.n)] as const));
    const activity = { source, postsByHour, failedRuns: failedRuns.filter((r) => r.source === source), runExtent: runExtents.get(source) };
    return findGaps(activity, query.from.getTime(), query.to.getTime());
  });
}

describe('queryGaps with its bounded read of hourly posts', () => {
  it('answers every window exactly as findGaps over every stored hour does', async () => {
    let compared = 0;
    let withSilence = 0;
    for (const hours of [1, 5, 24, 72]) {
      for (let start = -48; start < DAYS * 24 + 48; start += 7) {
        const query = { from: new Date(START + start * HOUR), to: new Date(START + (start + hours) * HOUR) };
        const expected = await gapsFromEveryHour(query);
        expect(await queryGaps(t.clickhouse, query), `${hours} h from hour ${start}`).toEqual(expected);
        compared++;
        if (expected.some((gap) => gap.reason === 'no_posts')) withSilence++;
      }
    }
    // Enough windows met a long silence for the comparison to mean something.
    expect(withSilence).toBeGreaterThan(compared / 4);
  });

  it('keeps to the sources asked for', async () => {
    const query = { from: new Date(START), to: new Date(START + DAYS * 24 * HOUR), sources: ['b'] };
    const gaps = await queryGaps(t.clickhouse, query);
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps).toEqual((await gapsFromEveryHour(query)).filter((gap) => gap.source === 'b'));
  });
});
