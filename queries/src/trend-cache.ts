import type { ClickHouse } from '@rift/core';
import type { TrendRequest, TrendSeries } from './trend-request.ts';

/**
 * A small in-memory cache of trend answers for closed time windows: windows that end before
 * the current hour, whose rollup rows no longer receive live posts. Keyed by database and the
 * normalized request (filters sorted), so `?actor=a,b` and `?actor=b,a` share an entry. Entries
 * live TTL_MS, so a backfill or re-scoring of an old window shows within that time.
 * `npm run bench` measures it (api.trends_*): on a loaded rollup it serves repeated dashboard
 * views without a ClickHouse query.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 1000;
const HOUR_MS = 3_600_000;

export const trendCacheSettings = { enabled: true };

const entries = new Map<string, { expires: number; series: Promise<TrendSeries[]> }>();

function keyOf(database: string, request: TrendRequest): string {
  const filters = Object.entries(request.filters)
    .filter(([, values]) => values && values.length > 0)
    .map(([name, values]) => `${name}=${[...values!].sort().join(',')}`)
    .sort();
  const confidence = request.confidence ? [`confidence=${request.confidence.on}>=${request.confidence.min}`] : [];
  const excluded = request.excludeSources ? [`without=${[...request.excludeSources].sort().join(',')}`] : [];
  return [database, request.metric, request.unit ?? 'post', request.copies ?? 'all', request.groupBy, request.granularity, request.from.toISOString(), request.to.toISOString(), ...filters, ...confidence, ...excluded].join('|');
}

/** The trend answer, from the cache when the window is closed and an unexpired entry exists. */
export function cachedTrends(
  clickhouse: ClickHouse,
  request: TrendRequest,
  run: (clickhouse: ClickHouse, request: TrendRequest) => Promise<TrendSeries[]>,
  now = Date.now(),
): Promise<TrendSeries[]> {
  const currentHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  if (!trendCacheSettings.enabled || request.to.getTime() > currentHour) return run(clickhouse, request);
  const key = keyOf(clickhouse.database, request);
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.series;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  const series = run(clickhouse, request);
  entries.set(key, { expires: now + TTL_MS, series });
  // A failed query is not remembered: the next request tries again.
  series.catch(() => entries.delete(key));
  return series;
}
