/**
 * Queries: with many posts loaded, p50/p95/p99 of each dashboard endpoint through app.inject()
 * on the real buildApp, at realistic ranges (a week by hour, two years by day), with and without
 * filters. Each endpoint names the table it reads. Peer: for the trends over two years by day
 * (which read the daily rollups), the same request's query run on the hourly rollups, as it was
 * before the daily ones existed; for the others a bare ClickHouse round trip (the floor of any endpoint).
 * The two-year trends are also timed in their parts: the points from the rollups (beside the same
 * points from the full daily rollups, as before migration 060) and the distinct authors per point
 * from the stored posts, which the endpoint waits for too.
 */
import {
  correctionOptionsFromConfig,
  correctionPlan,
  DAILY,
  HOURLY,
  parsePostQuery,
  queryAuthorPoints,
  queryDivide,
  queryTrendPoints,
  trendCacheSettings,
  type TrendRequest,
  trendSql,
} from '@rift/queries';
import { sql, type Sql, TOPIC_TRENDS_DAILY_COMPACT_TABLE, TRENDS_DAILY_COMPACT_TABLE, TRENDS_HOURLY_TABLE } from '@rift/core';
import { buildBenchApp } from './app.ts';
import type { BenchContext } from './context.ts';
import { median, percentile, type Figure } from './figures.ts';
import { ensureLoadedPosts, loadSize } from './load-posts.ts';

const TRENDS_P95_TARGET_MS = 50;
const DIVIDE_P95_TARGET_MS = 300;
const WEEK = 'from=2025-01-13&to=2025-01-20&granularity=hour';
const TWO_YEARS = 'from=2024-01-01&to=2026-01-01&granularity=day';

interface Case {
  name: string;
  url: string;
  reads: string;
  /** The request as the route resolves it, for the peer run on the hourly rollups. */
  hourlyPeer?: Omit<TrendRequest, 'from' | 'to' | 'granularity'>;
  /** A divide the rollup answers: its peer is the same divide read from the stored posts, as before migration 061. */
  divideFromPosts?: boolean;
  /** May exceed the ClickHouse client's 60 s timeout at full size: reported as unanswered, not a failed bench. */
  mayTimeOut?: boolean;
  target?: number;
}

const CASES: Case[] = [
  { name: 'trends.week_hour', url: `/api/trends?${WEEK}`, reads: TRENDS_HOURLY_TABLE },
  { name: 'trends.week_hour.filtered', url: `/api/trends?${WEEK}&metric=sentiment_mean&group_by=actor&stance=oppose_ban,support_ban&lang=en`, reads: TRENDS_HOURLY_TABLE },
  {
    name: 'trends.two_years_day',
    url: `/api/trends?${TWO_YEARS}`,
    reads: TRENDS_DAILY_COMPACT_TABLE,
    hourlyPeer: { metric: 'volume', groupBy: 'none', filters: {} },
  },
  {
    name: 'trends.two_years_day.filtered',
    url: `/api/trends?${TWO_YEARS}&group_by=stance&actor=public,us_government`,
    reads: TRENDS_DAILY_COMPACT_TABLE,
    hourlyPeer: { metric: 'volume', groupBy: 'stance', filters: { actor: ['public', 'us_government'] } },
  },
  {
    name: 'trends.two_years_day.topic',
    url: `/api/trends?${TWO_YEARS}&group_by=topic&actor=us_government`,
    reads: TOPIC_TRENDS_DAILY_COMPACT_TABLE,
    hourlyPeer: { metric: 'volume', groupBy: 'topic', filters: { actor: ['us_government'] } },
  },
  { name: 'summary', url: '/api/summary', reads: 'source_hourly_v1, and posts_v1 FINAL in its first and last hour' },
  { name: 'gaps.week_hour', url: `/api/gaps?${WEEK}`, reads: 'source_hourly_v1 (the window and the silences and neighbourhoods around it) and source_runs_v1' },
  { name: 'gaps.two_years_day', url: `/api/gaps?${TWO_YEARS}`, reads: 'source_hourly_v1 (the window and the silences and neighbourhoods around it) and source_runs_v1' },
  { name: 'posts.first_page', url: '/api/posts?from=2025-01-13&to=2025-01-20', reads: 'posts_v1 FINAL' },
  { name: 'posts.filtered', url: '/api/posts?from=2025-01-13&to=2025-01-20&actor=us_government&stance=support_ban&limit=100', reads: 'posts_v1 FINAL' },
  { name: 'events', url: '/api/events', reads: 'the topic pack (no table)' },
  // The divide over two years: per author, corrected (the page's default), beside the raw per-post count.
  {
    name: 'divide.two_years.author',
    url: '/api/divide?from=2024-01-01&to=2026-01-01',
    reads: 'posts_v1 FINAL, grouped by author in ClickHouse (copies=once, the default, keeps the first post of each copy cluster in the window)',
    mayTimeOut: true,
  },
  {
    name: 'divide.two_years.author.copies_all',
    url: '/api/divide?from=2024-01-01&to=2026-01-01&copies=all',
    reads: 'author_periods_v1 (the window\'s months), grouped by author in ClickHouse',
    divideFromPosts: true,
    target: DIVIDE_P95_TARGET_MS,
  },
  { name: 'divide.two_years.post_raw', url: '/api/divide?from=2024-01-01&to=2026-01-01&unit=post&correction=none', reads: 'posts_v1 FINAL, grouped by author in ClickHouse (copies=once)', mayTimeOut: true },
];

export async function benchQueries(ctx: BenchContext): Promise<Figure[]> {
  const count = loadSize(ctx.quick);
  const { rowsPerSecond } = await ensureLoadedPosts(ctx, count);
  if (rowsPerSecond) ctx.log(`queries: loaded at ${Math.round(rowsPerSecond).toLocaleString('en-US')} rows/s`);
  const { services } = ctx;
  const { app, close } = await buildBenchApp(services);
  const rounds = 10;
  const cases = CASES.filter((c) => !ctx.queryCases || ctx.queryCases.some((prefix) => c.name.startsWith(prefix)));
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const floor: number[] = [];
  const twoYears = { granularity: 'day', from: new Date('2024-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') } as const;
  const hourly = new Map<string, { query: Sql; times: number[] }>(
    cases.flatMap((c) => (c.hourlyPeer ? [[c.name, { query: trendSql(services.clickhouse, { ...c.hourlyPeer, ...twoYears }, HOURLY), times: [] }]] : [])),
  );
  const parts = new Map<string, { request: TrendRequest; points: number[]; fullDaily: number[]; authors: number[] }>(
    cases.flatMap((c) => (c.hourlyPeer ? [[c.name, { request: { ...c.hourlyPeer, ...twoYears }, points: [], fullDaily: [], authors: [] }]] : [])),
  );
  const correction = correctionOptionsFromConfig();
  const fromPosts = new Map<string, { run: () => Promise<unknown>; times: number[]; failures: string[] }>(
    cases.flatMap((c) => {
      if (!c.divideFromPosts) return [];
      const params = new URLSearchParams(c.url.split('?')[1]);
      const query = parsePostQuery(Object.fromEntries(params));
      const run = () => queryDivide(services.clickhouse, query, 'author', (versions) => correctionPlan(services.clickhouse, 'confusion', versions, correction), 'posts');
      return [[c.name, { run, times: [] as number[], failures: [] as string[] }]];
    }),
  );
  const timed = async (into: number[], run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    into.push(performance.now() - started);
  };
  const unanswered = new Map<string, string>();
  // The query path is what is measured here; the cache has its own figures in the api benchmark.
  trendCacheSettings.enabled = false;
  try {
    for (const c of cases) {
      const started = performance.now();
      const res = await app.inject({ method: 'GET', url: c.url }); // warm-up, and a check that it answers
      if (res.statusCode === 503 && c.mayTimeOut) {
        unanswered.set(c.name, `answered 503 after ${((performance.now() - started) / 1000).toFixed(1)} s: ${res.body.slice(0, 120)}`);
        ctx.log(`queries: ${c.name} ${unanswered.get(c.name)}; left out of the rounds`);
        continue;
      }
      if (res.statusCode !== 200) throw new Error(`queries: ${c.url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    }
    // Round-robin over the endpoints, so a noisy moment on the machine hits all of them alike.
    for (let r = 0; r < rounds; r++) {
      for (const c of cases) {
        if (unanswered.has(c.name)) continue;
        const started = performance.now();
        await app.inject({ method: 'GET', url: c.url });
        times.get(c.name)!.push(performance.now() - started);
      }
      let started = performance.now();
      await services.clickhouse.query(sql`SELECT 1 AS one`);
      floor.push(performance.now() - started);
      // The hourly peers take seconds each at full size: half as many runs.
      if (r < 5) {
        for (const peer of hourly.values()) {
          started = performance.now();
          await services.clickhouse.query(peer.query);
          peer.times.push(performance.now() - started);
        }
        for (const part of parts.values()) await timed(part.authors, () => queryAuthorPoints(services.clickhouse, part.request));
        // Read from the posts the divide may pass the client's 60 s timeout at full size: counted, not fatal.
        for (const peer of fromPosts.values()) await timed(peer.times, peer.run).catch((e: Error) => peer.failures.push(e.message.slice(0, 120)));
      }
      for (const part of parts.values()) {
        await timed(part.points, () => queryTrendPoints(services.clickhouse, part.request));
        await timed(part.fullDaily, () => queryTrendPoints(services.clickhouse, part.request, DAILY));
      }
    }
  } finally {
    trendCacheSettings.enabled = true;
    await close();
  }
  const rowsOf = new Map<string, number>();
  for (const table of new Set(cases.filter((c) => c.name.startsWith('trends.')).map((c) => c.reads))) {
    const [rows] = await services.clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${services.clickhouse.table(table)}`);
    rowsOf.set(table, Number(rows?.n ?? 0));
  }
  const figures: Figure[] = [];
  const runs = `${rounds} requests each, round-robin; ${count.toLocaleString('en-US')} posts`;
  for (const c of cases) {
    const t = times.get(c.name)!;
    const isTrend = c.name.startsWith('trends.');
    const peer = hourly.get(c.name);
    const rows = rowsOf.get(c.reads) ?? 0;
    const postsPeer = fromPosts.get(c.name);
    const failure = unanswered.get(c.name);
    if (failure) {
      figures.push({ name: `queries.${c.name}.unanswered`, value: 0, unit: 'answers', peer: 'ClickHouse SELECT 1 round trip, ms', peer_value: percentile(floor, 95), runs: `warm-up only; reads ${c.reads}`, note: failure });
      continue;
    }
    if (postsPeer) {
      for (const p of [50, 95, 99]) {
        figures.push({
          name: `queries.${c.name}.p${p}`,
          value: percentile(t, p),
          unit: 'ms',
          peer: 'the same divide read from posts_v1 FINAL (queryDivide, no HTTP)',
          peer_value: postsPeer.times.length ? percentile(postsPeer.times, p) : undefined,
          target: p === 95 && c.target ? { op: '<=', value: c.target } : undefined,
          runs: `${runs}; reads ${c.reads}; peer ${postsPeer.times.length} runs, interleaved`,
          note: postsPeer.failures.length ? `the peer failed ${postsPeer.failures.length} times: ${postsPeer.failures[0]}` : undefined,
        });
      }
      continue;
    }
    for (const p of [50, 95, 99]) {
      const value = percentile(t, p);
      figures.push({
        name: `queries.${c.name}.p${p}`,
        value,
        unit: 'ms',
        peer: peer ? 'the same query on the hourly rollups (ClickHouse alone)' : 'ClickHouse SELECT 1 round trip',
        peer_value: peer ? percentile(peer.times, p) : percentile(floor, p),
        target: isTrend && p === 95 ? { op: '<=', value: TRENDS_P95_TARGET_MS } : undefined,
        runs: `${runs}; reads ${c.reads}${peer ? ` (${rows.toLocaleString('en-US')} rows); peer ${peer.times.length} runs` : ''}`,
        note:
          isTrend && p === 95 && value > TRENDS_P95_TARGET_MS
            ? `with ${count.toLocaleString('en-US')} posts over two years ${c.reads} holds ${rows.toLocaleString('en-US')} rows ` +
              `(${((rows / count) * 100).toFixed(0)}% of the posts), all merged for the window (ClickHouse ${services.clickhouseVersion}; median ${median(t).toFixed(0)} ms). ` +
              `Repeated views of closed windows are served by the trend cache (api.trends.cache_on)` +
              (parts.has(c.name) ? `; the endpoint also counts each point's distinct authors from posts_v1 FINAL (queries.${c.name}.authors)` : '')
            : undefined,
      });
    }
    const part = parts.get(c.name);
    if (!part) continue;
    for (const p of [50, 95]) {
      figures.push(
        {
          name: `queries.${c.name}.points.p${p}`,
          value: percentile(part.points, p),
          unit: 'ms',
          peer: 'the same points from the full daily rollups (before migration 060)',
          peer_value: percentile(part.fullDaily, p),
          runs: `${part.points.length} runs each, interleaved; queryTrendPoints alone, the rollup it chooses`,
        },
        {
          name: `queries.${c.name}.authors.p${p}`,
          value: percentile(part.authors, p),
          unit: 'ms',
          peer: 'ClickHouse SELECT 1 round trip',
          peer_value: percentile(floor, p),
          runs: `${part.authors.length} runs; queryAuthorPoints alone: distinct authors per point from posts_v1 FINAL`,
        },
      );
    }
  }
  return figures;
}
