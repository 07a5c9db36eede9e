import type { ViewGranularity } from '../state/viewState';

const DAY_MS = 86_400_000;

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateHourFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayTickFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "YYYY-MM-DD" -> ms at 00:00 UTC that day, or NaN. */
export function dateOnlyToMs(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
}

export function formatDate(ms: number): string {
  return dateFormat.format(ms);
}

/** What a bucket starting at `ms` covers, in words. */
/** "2 May 2025, 06:00" (UTC, without saying so: callers add the zone once). */
export const formatDateHour = (ms: number): string => dateHourFormat.format(ms);

export function formatBucket(ms: number, granularity: ViewGranularity): string {
  if (granularity === 'week') {
    return `Week of ${dateFormat.format(ms)} to ${dateFormat.format(ms + 6 * DAY_MS)}`;
  }
  if (granularity === 'hour') return `${dateHourFormat.format(ms)} UTC, one hour`;
  return dayFormat.format(ms);
}

/** Is `ms` inside the bucket that starts at `bucketStart`? */
export function inBucket(ms: number, bucketStart: number, granularity: ViewGranularity): boolean {
  const length = granularity === 'week' ? 7 * DAY_MS : granularity === 'hour' ? DAY_MS / 24 : DAY_MS;
  return ms >= bucketStart && ms < bucketStart + length;
}

/**
 * Ticks on round calendar boundaries for a time axis from `start` to `end`, at most ~`maxTicks`:
 * every day, every 2 days, every Monday or every other Monday for up to 120 days; beyond, the
 * first of every 1, 2, 3, 6 or 12 months counted from January (or whole multiples of years), so
 * the ticks fall on dates a reader expects.
 */
export function timeTicks(start: number, end: number, maxTicks = 10): number[] {
  if (!(end > start)) return [];
  const spanDays = (end - start) / DAY_MS;
  if (spanDays <= 120) {
    const stepDays = [1, 2, 7, 14].find((d) => spanDays / d <= maxTicks) ?? 14;
    // 1970-01-05 was a Monday: weekly ticks are whole weeks from it.
    const origin = stepDays >= 7 ? 4 * DAY_MS : 0;
    const step = stepDays * DAY_MS;
    const ticks: number[] = [];
    for (let t = Math.ceil((start - origin) / step) * step + origin; t <= end; t += step) ticks.push(t);
    return ticks;
  }
  const months = spanDays / 30.44;
  const stepMonths = [1, 2, 3, 6, 12, 24, 60, 120].find((m) => months / m <= maxTicks) ?? 120;
  const first = new Date(start);
  let index = first.getUTCFullYear() * 12 + first.getUTCMonth();
  if (Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1) < start) index += 1;
  index = Math.ceil(index / stepMonths) * stepMonths;
  const ticks: number[] = [];
  for (let t = Date.UTC(Math.floor(index / 12), index % 12, 1); t <= end; index += stepMonths, t = Date.UTC(Math.floor(index / 12), index % 12, 1)) ticks.push(t);
  return ticks;
}

/** A tick label: day and month for spans up to 120 days, month and year beyond. */
export function formatTick(ms: number, spanMs: number): string {
  return spanMs <= 120 * DAY_MS ? dayTickFormat.format(ms) : monthFormat.format(ms);
}
