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
  return dayFormat.format(ms);
}

/** Is `ms` inside the bucket that starts at `bucketStart`? */
export function inBucket(ms: number, bucketStart: number, granularity: ViewGranularity): boolean {
  const length = granularity === 'week' ? 7 * DAY_MS : DAY_MS;
  return ms >= bucketStart && ms < bucketStart + length;
}

/**
 * Ticks on calendar boundaries for a time axis from `start` to `end`:
 * first of the month (thinned to at most ~`maxTicks`) for long ranges, every few days for up to 120 days.
 */
export function timeTicks(start: number, end: number, maxTicks = 10): number[] {
  if (!(end > start)) return [];
  const spanDays = (end - start) / DAY_MS;
  if (spanDays <= 120) {
    const stepDays = Math.max(1, Math.ceil(spanDays / maxTicks));
    const first = Math.ceil(start / DAY_MS) * DAY_MS;
    const ticks: number[] = [];
    for (let t = first; t <= end; t += stepDays * DAY_MS) ticks.push(t);
    return ticks;
  }
  const months: number[] = [];
  const cursor = new Date(start);
  let year = cursor.getUTCFullYear();
  let month = cursor.getUTCMonth() + (cursor.getUTCDate() === 1 && cursor.getUTCHours() === 0 ? 0 : 1);
  for (;;) {
    const t = Date.UTC(year, month, 1);
    if (t > end) break;
    months.push(t);
    month += 1;
    if (month > 11) {
      month = 0;
      year += 1;
    }
  }
  const step = Math.max(1, Math.ceil(months.length / maxTicks));
  return months.filter((_, i) => i % step === 0);
}

/** A tick label: day and month for spans up to 120 days, month and year beyond. */
export function formatTick(ms: number, spanMs: number): string {
  return spanMs <= 120 * DAY_MS ? dayTickFormat.format(ms) : monthFormat.format(ms);
}
