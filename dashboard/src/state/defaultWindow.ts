// The window "The divide" opens on when the URL names no dates. Not the whole stored range: one
// import of old posts would move every user's view. The topic pack's own period comes first;
// without one (or when no stored post falls in it), the last months of stored data.
import type { EventsResponse, SummaryResponse } from '../api/types';
import type { LoadState } from '../hooks/useApi';

/** A range of calendar days, YYYY-MM-DD, both included. */
export interface DayRange {
  from: string;
  to: string;
}

export type DefaultKind = 'pack' | 'recent';
export interface DefaultWindow extends DayRange {
  kind: DefaultKind;
}

/** What the window on screen is, for the note above the charts. */
export type WindowKind = DefaultKind | 'all' | 'custom';

/** Without a pack period: this many calendar months, up to the newest stored post. */
export const RECENT_MONTHS = 6;

/** The last `months` calendar months of `data` (the month of its last day counts as one). */
export function recentMonths(data: DayRange, months = RECENT_MONTHS): DayRange {
  const [year, month] = data.to.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(year, month - months, 1)).toISOString().slice(0, 10);
  return { from: start > data.from ? start : data.from, to: data.to };
}

/** The stored posts' first and last day, from `/api/summary` (null while unknown or empty). */
export function storedRange(summary: SummaryResponse | null): DayRange | null {
  return summary?.first && summary.last ? { from: summary.first.slice(0, 10), to: summary.last.slice(0, 10) } : null;
}

/** The default window for the stored data's range and the pack's period (null: nothing stored). */
export function defaultWindow(period: DayRange | null, data: DayRange | null): DefaultWindow | null {
  if (!data) return null;
  const overlaps = period && period.from <= data.to && period.to >= data.from;
  return overlaps ? { kind: 'pack', ...period } : { kind: 'recent', ...recentMonths(data) };
}

/** The default once the pack's timeline has answered (its period unknown while loading; none if it failed). */
export function defaultForTimeline(timeline: LoadState<EventsResponse>, data: DayRange | null): DefaultWindow | null {
  if (timeline.status === 'loading') return null;
  return defaultWindow(timeline.status === 'ready' ? timeline.data.pack.period : null, data);
}

export function windowKind(shown: DayRange, fallback: DefaultWindow | null, data: DayRange | null): WindowKind {
  if (fallback && shown.from === fallback.from && shown.to === fallback.to) return fallback.kind;
  if (data && shown.from === data.from && shown.to === data.to) return 'all';
  return 'custom';
}
