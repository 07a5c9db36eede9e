import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSourceRun, newRunId, POSTS_TABLE } from '@rift/core';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow } from '@rift/testing/posts';

let t: TestApp;

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const START = Date.parse('2025-05-01T00:00:00Z');

/** `perHour` posts of `source` in each hour of [from, from + hours), except the skipped hours. */
function hourlyPosts(source: string, from: number, hours: number, perHour: number, skip: (hour: number) => boolean = () => false) {
  const rows = [];
  for (let h = 0; h < hours; h++) {
    const hour = from + h * HOUR;
    if (skip(hour)) continue;
    for (let k = 0; k < perHour; k++) {
      rows.push(postRow({ id: `${source}-${h}-${k}`, source, created_at: iso(hour + k * 60_000), actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0 }));
    }
  }
  return rows;
}

const failedRun = (source: string, at: string, error: string) =>
  insertSourceRun(t.clickhouse, { id: newRunId(), source, kind: 'poll', started_at: new Date(at), finished_at: new Date(Date.parse(at) + 5000), posts_collected: 0, error });

// steady: 3 posts an hour for three days, silent 2025-05-02 06:00 to 16:00, failing 20:00 to 22:00 on the first day.
const SILENT_FROM = Date.parse('2025-05-02T06:00:00Z');
const SILENT_TO = Date.parse('2025-05-02T16:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, hourlyPosts('steady', START, 72, 3, (h) => h >= SILENT_FROM && h < SILENT_TO));
  // slow: one post every 12 hours, so 11 quiet hours in a row are its ordinary pace.
  await t.clickhouse.insert(POSTS_TABLE, hourlyPosts('slow', START, 72, 1, (h) => (h - START) % (12 * HOUR) !== 0));
  await failedRun('steady', '2025-05-01T20:10:00Z', 'HTTP 503');
  await failedRun('steady', '2025-05-01T20:40:00Z', 'HTTP 502');
  await failedRun('steady', '2025-05-01T21:05:00Z', 'socket hang up');
  // broken: never stored a post, failed twice.
  await failedRun('broken', '2025-05-02T03:00:00Z', 'DNS lookup failed');
  await failedRun('broken', '2025-05-02T04:30:00Z', 'DNS lookup failed again');
  // polled and imported: the same day of posts, then a successful run two days later of either kind.
  const JUNE = Date.parse('2025-06-01T00:00:00Z');
  await t.clickhouse.insert(POSTS_TABLE, [...hourlyPosts('polled', JUNE, 24, 3), ...hourlyPosts('imported', JUNE, 24, 3)]);
  const laterRun = { started_at: new Date('2025-06-03T12:10:00Z'), finished_at: new Date('2025-06-03T12:11:00Z'), posts_collected: 0 };
  await insertSourceRun(t.clickhouse, { ...laterRun, id: newRunId(), source: 'polled', kind: 'poll' });
  await insertSourceRun(t.clickhouse, { ...laterRun, id: newRunId(), source: 'imported', kind: 'import' });
});

afterAll(async () => {
  await t?.close();
});

async function gaps(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/gaps?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { definition: string; from: string; to: string; gaps: Array<Record<string, unknown>> };
}

const STEADY_FAILING = { source: 'steady', from: '2025-05-01T20:00:00.000Z', to: '2025-05-01T22:00:00.000Z', reason: 'failing', failed_runs: 3, last_error: 'socket hang up', expected_posts: null };
const STEADY_SILENT = { source: 'steady', from: iso(SILENT_FROM), to: iso(SILENT_TO), reason: 'no_posts', failed_runs: 0, last_error: null, expected_posts: 30 };
const BROKEN = { source: 'broken', from: '2025-05-02T03:00:00.000Z', to: '2025-05-02T05:00:00.000Z', reason: 'failing', failed_runs: 2, last_error: 'DNS lookup failed again', expected_posts: null };

describe('GET /api/gaps', () => {
  it('lists failing hours and long silences per source as merged spans, with the definition', async () => {
    const body = await gaps('from=2025-04-28&to=2025-05-08');
    expect(body.definition).toMatch(/no_posts/);
    expect(body.from).toBe('2025-04-28T00:00:00.000Z');
    // Silence before a source's first and after its last post or run is not a gap; slow's pace is not one either.
    expect(body.gaps).toEqual([BROKEN, STEADY_FAILING, STEADY_SILENT]);
  });

  it('keeps only the sources asked for', async () => {
    expect((await gaps('from=2025-05-01&to=2025-05-04&source=steady')).gaps).toEqual([STEADY_FAILING, STEADY_SILENT]);
    expect((await gaps('from=2025-05-01&to=2025-05-04&source=slow,broken')).gaps).toEqual([BROKEN]);
  });

  it('judges a silence as a whole and cuts it to a window that lies inside it', async () => {
    const body = await gaps('from=2025-05-02T08:00:00Z&to=2025-05-02T10:00:00Z&granularity=hour&source=steady');
    expect(body.gaps).toEqual([{ ...STEADY_SILENT, from: '2025-05-02T08:00:00.000Z', to: '2025-05-02T10:00:00.000Z' }]);
  });

  it('widens the window to whole buckets, as /api/trends does', async () => {
    const body = await gaps('from=2025-05-01T13:30:00Z&to=2025-05-02T01:00:00Z&granularity=day&source=steady');
    expect([body.from, body.to]).toEqual(['2025-05-01T00:00:00.000Z', '2025-05-03T00:00:00.000Z']);
    expect(body.gaps).toEqual([STEADY_FAILING, STEADY_SILENT]);
  });

  it('counts a silence up to a later scheduled poll, but not up to a later import, whose time is not when its posts were collected', async () => {
    const body = await gaps('from=2025-06-01&to=2025-06-05&source=polled,imported');
    // 37 silent hours at the 1.5 posts an hour of the 48 hours around them (72 before, none after).
    expect(body.gaps).toEqual([
      { source: 'polled', from: '2025-06-02T00:00:00.000Z', to: '2025-06-03T13:00:00.000Z', reason: 'no_posts', failed_runs: 0, last_error: null, expected_posts: 55.5 },
    ]);
  });

  it('refuses bad input with { error, message }', async () => {
    for (const [query, message] of [
      ['from=yesterday', /from: "yesterday" is not an ISO 8601 date/],
      ['source=a%20b', /source: invalid value/],
      ['from=2025-05-02&to=2025-05-01', /from must be before to/],
      ['metric=volume', /unknown parameter "metric"/],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/api/gaps?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toEqual({ error: 'Bad Request', message: expect.stringMatching(message) });
    }
  });
});
