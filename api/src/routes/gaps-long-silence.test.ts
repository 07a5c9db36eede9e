import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow } from '@rift/testing/posts';
import { POSTS_TABLE } from '@rift/core';

/**
 * A silence far longer than the window and its neighbourhoods: the gap query reads only part of
 * the hourly counts, so these prove it still reaches the stretch's true ends and the hours beside them.
 */
let t: TestApp;

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const at = (text: string) => Date.parse(text);

/** `perHour` posts of source "quiet" in each hour of [from, from + hours). */
function posts(from: number, hours: number, perHour: number) {
  const rows = [];
  for (let h = 0; h < hours; h++) {
    for (let k = 0; k < perHour; k++) {
      const created = from + h * HOUR + k * 60_000;
      rows.push(postRow({ id: `quiet-${created}`, source: 'quiet', created_at: iso(created), actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0 }));
    }
  }
  return rows;
}

// 2 posts an hour for two days, silent for five (120 hours), 4 an hour for two days, silent for
// 60 hours, then a single post. Before the long silence 24 x 2 posts, after it 24 x 4: 3 an hour.
const LONG_FROM = at('2025-07-03T00:00:00Z');
const LONG_TO = at('2025-07-08T00:00:00Z');
const LONG_EXPECTED = ((24 * 2 + 24 * 4) / 48) * 120;
// Before the second silence 24 x 4 posts, after it only the single post: 97 / 48 an hour, for 60 hours.
const SECOND_FROM = at('2025-07-10T00:00:00Z');
const SECOND_TO = at('2025-07-12T12:00:00Z');
const SECOND_EXPECTED = Math.round(((24 * 4 + 1) / 48) * 60 * 10) / 10;

beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, [...posts(at('2025-07-01T00:00:00Z'), 48, 2), ...posts(LONG_TO, 48, 4), ...posts(SECOND_TO, 1, 1)]);
  // A re-scored post counts once: the retraction and its replacement net out in the rollup.
  const [first] = posts(LONG_TO, 1, 1);
  await t.clickhouse.insert(POSTS_TABLE, [
    { ...first!, sign: -1 },
    { ...first!, model_version: 'lexicon-2', version: 2 },
  ]);
});

afterAll(async () => {
  await t?.close();
});

async function gaps(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/gaps?source=quiet&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { gaps: Array<Record<string, unknown>> }).gaps;
}

const silence = (from: number, to: number, expected: number) => ({
  source: 'quiet',
  from: iso(from),
  to: iso(to),
  reason: 'no_posts',
  failed_runs: 0,
  last_error: null,
  expected_posts: expected,
});

describe('GET /api/gaps on a silence that runs far past the window', () => {
  it('judges the whole five-day silence from a one-day window at its start, by the posts on both sides of it', async () => {
    expect(await gaps('from=2025-07-03&to=2025-07-04&granularity=hour')).toEqual([silence(LONG_FROM, at('2025-07-04T00:00:00Z'), LONG_EXPECTED)]);
  });

  it('judges it alike from a window in its middle, more than a neighbourhood away from either end', async () => {
    expect(await gaps('from=2025-07-05T06:00:00Z&to=2025-07-05T09:00:00Z&granularity=hour')).toEqual([
      silence(at('2025-07-05T06:00:00Z'), at('2025-07-05T09:00:00Z'), LONG_EXPECTED),
    ]);
  });

  it('judges it alike from a window at its end, and the next silence by the single post after it', async () => {
    expect(await gaps('from=2025-07-07&to=2025-07-11&granularity=day')).toEqual([
      silence(at('2025-07-07T00:00:00Z'), LONG_TO, LONG_EXPECTED),
      silence(SECOND_FROM, at('2025-07-11T00:00:00Z'), SECOND_EXPECTED),
    ]);
  });

  it('finds nothing in a window wholly after the last post, where nothing says the source was collected', async () => {
    expect(await gaps('from=2025-07-13&to=2025-07-20&granularity=day')).toEqual([]);
  });
});
