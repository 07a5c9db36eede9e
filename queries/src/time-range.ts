import { badRequest } from '@rift/core';

/**
 * The time window of a trend query: parsing, defaults, width limits and alignment to buckets.
 *
 * Windows are half-open, [from, to), in UTC. Both ends are widened to whole buckets (hour,
 * day, or week starting Monday) so that every point covers a full bucket; the response states
 * the window actually used.
 */

export const GRANULARITIES = ['hour', 'day', 'week'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const BUCKET_MS: Record<Granularity, number> = { hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS };

/** Widest window per granularity: about 2,200 hourly points, 3,700 daily, or a century weekly. */
export const MAX_SPAN_DAYS: Record<Granularity, number> = { hour: 92, day: 3700, week: 36_500 };

/** Posts before 2000 are refused at ingest, and ClickHouse DateTime ends in 2106. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

// A date, or a date-time with optional seconds, fraction and zone; no zone means UTC.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses an ISO 8601 date or date-time; an empty string counts as absent. */
export function parseInstant(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const text = raw.trim();
  const m = ISO.exec(text);
  const invalid = () =>
    badRequest(`${name}: ${JSON.stringify(raw)} is not an ISO 8601 date (2024-03-13) or date-time (2024-03-13T12:00:00Z)`);
  if (!m) throw invalid();
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  // Date.parse rolls 2024-02-30 over into March; comparing the fields back refuses it.
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw invalid();
  }
  const normalized = `${y}-${mo}-${d}T${h}:${mi}:${s}${text.match(/\.\d+/)?.[0] ?? ''}${zone ?? 'Z'}`;
  const ms = Date.parse(normalized.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) throw invalid();
  if (ms < EARLIEST || ms >= LATEST) throw badRequest(`${name} must be between 2000-01-01 and 2099-12-31`);
  return new Date(ms);
}

export function floorToBucket(ms: number, granularity: Granularity): number {
  if (granularity === 'week') {
    const day = Math.floor(ms / DAY_MS);
    // 1970-01-01 was a Thursday: (day + 3) mod 7 is the number of days since Monday.
    return (day - ((day + 3) % 7)) * DAY_MS;
  }
  const size = BUCKET_MS[granularity];
  return Math.floor(ms / size) * size;
}

export function ceilToBucket(ms: number, granularity: Granularity): number {
  const floor = floorToBucket(ms, granularity);
  return floor === ms ? ms : floor + BUCKET_MS[granularity];
}

/** The span of stored data: first and last hour bucket, or null when there is none. */
export interface DataExtent {
  first: number;
  last: number;
}

export interface TimeRange {
  from: Date;
  to: Date;
  notes: string[];
}

export interface RangeInput {
  from?: string;
  to?: string;
  granularity: Granularity;
}

/**
 * Resolves the window. Missing ends default to the data: `to` to the end of the newest hour
 * with data, `from` to the oldest data, but never wider than the granularity allows (so an
 * hourly trend without dates shows the last 92 days of data). Without any data, `to` is now.
 * Explicit windows wider than the limit are refused rather than silently cut.
 */
export async function resolveRange(input: RangeInput, extent: () => Promise<DataExtent | null>): Promise<TimeRange> {
  const { granularity } = input;
  const maxSpanMs = MAX_SPAN_DAYS[granularity] * DAY_MS;
  const bucket = BUCKET_MS[granularity];
  let from = parseInstant('from', input.from)?.getTime();
  let to = parseInstant('to', input.to)?.getTime();
  const notes: string[] = [];

  if (from !== undefined && to !== undefined) {
    if (from >= to) throw badRequest('from must be before to');
    if (to - from > maxSpanMs) {
      throw badRequest(
        `the range from ${iso(from)} to ${iso(to)} is too wide for granularity=${granularity}: at most ${MAX_SPAN_DAYS[granularity]} days; use a coarser granularity or a shorter range`,
      );
    }
  } else {
    const data = await extent();
    if (to === undefined) {
      const dataEnd = data ? data.last + HOUR_MS : ceilToBucket(Date.now(), 'hour');
      to = from === undefined ? dataEnd : Math.min(Math.max(dataEnd, from + bucket), from + maxSpanMs);
      notes.push(`to defaulted to ${iso(to)} (${data ? 'the end of the stored data' : 'now; no data is stored'}, at most ${MAX_SPAN_DAYS[granularity]} days after from)`);
    }
    if (from === undefined) {
      const dataStart = data ? data.first : to - bucket;
      from = Math.max(Math.min(dataStart, to - bucket), to - maxSpanMs);
      notes.push(`from defaulted to ${iso(from)} (the start of the stored data, at most ${MAX_SPAN_DAYS[granularity]} days before to)`);
    }
  }

  return { from: new Date(floorToBucket(from, granularity)), to: new Date(ceilToBucket(to, granularity)), notes };
}

const iso = (ms: number): string => new Date(ms).toISOString();
