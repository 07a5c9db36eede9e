// The view of "The divide" lives in the URL query string, so a link reopens it.
// Example: /?granularity=day&from=2024-12-01&to=2025-02-28&volume=source_share
import { parseCopies, parseCorrection, parseUnit, type Copies, type Correction, type Unit } from './divideMode';
import type { SyntheticMode } from '../api/types';
import { parseVolumeMode, type VolumeMode } from './volumeMode';

/** Bucket sizes; the divide offers day and week, the Explorer hour too (for short windows). */
export type ViewGranularity = 'hour' | 'day' | 'week';

export interface ViewState {
  granularity: ViewGranularity;
  /** YYYY-MM-DD as typed by the user, or null for the default window's first day (defaultWindow.ts). */
  from: string | null;
  /** YYYY-MM-DD as typed by the user, or null for the default window's last day. */
  to: string | null;
  /** The volume chart: counts or shares of the source's posts. */
  volume: VolumeMode;
  /** Per author (default) or per post. */
  unit: Unit;
  /** Stance shares corrected for the classifier's errors (default) or raw. */
  correction: Correction;
  /** Each copy cluster (reposts, copypasta, syndicated releases) once (default), or every copy. */
  copies: Copies;
  /** `synthetic=exclude` hides the synthetic posts on every chart. */
  synthetic: SyntheticMode;
  /** Days before and after each event over which its before/after divide is read (`event_window`). */
  eventWindow: EventWindow;
}

/** The windows the before/after list offers, in days on each side of an event; 14 is the default. */
export const EVENT_WINDOWS = [7, 14, 28] as const;
export type EventWindow = (typeof EVENT_WINDOWS)[number];
const parseEventWindow = (value: string | null): EventWindow => EVENT_WINDOWS.find((days) => String(days) === value) ?? 14;

export const GRANULARITIES: readonly ViewGranularity[] = ['day', 'week'];
export const DEFAULT_GRANULARITY: ViewGranularity = 'week';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function isDateOnly(value: string): boolean {
  return DATE_ONLY.test(value);
}

export function parseViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const granularity = params.get('granularity');
  return {
    granularity: GRANULARITIES.includes(granularity as ViewGranularity)
      ? (granularity as ViewGranularity)
      : DEFAULT_GRANULARITY,
    // Kept verbatim, even if malformed: the API is the judge and its message is shown.
    from: params.get('from') || null,
    to: params.get('to') || null,
    volume: parseVolumeMode(params.get('volume')),
    unit: parseUnit(params.get('unit')),
    correction: parseCorrection(params.get('correction')),
    copies: parseCopies(params.get('copies')),
    synthetic: params.get('synthetic') === 'exclude' ? 'exclude' : 'include',
    eventWindow: parseEventWindow(params.get('event_window')),
  };
}

export function serializeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  params.set('granularity', state.granularity);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.volume === 'source_share') params.set('volume', 'source_share');
  if (state.unit === 'post') params.set('unit', 'post');
  if (state.correction === 'none') params.set('correction', 'none');
  if (state.copies === 'all') params.set('copies', 'all');
  if (state.synthetic === 'exclude') params.set('synthetic', 'exclude');
  if (state.eventWindow !== 14) params.set('event_window', String(state.eventWindow));
  return `?${params.toString()}`;
}

/** The API takes instants, `from` inclusive; a calendar date means the whole UTC day. */
export function rangeStartInstant(from: string): string {
  return isDateOnly(from) ? `${from}T00:00:00.000Z` : from;
}

/** The API's `to` is exclusive: the last day is included by ending at the next midnight. */
export function rangeEndInstant(to: string): string {
  if (!isDateOnly(to)) return to;
  const next = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
  return Number.isFinite(next) ? new Date(next).toISOString() : to;
}
