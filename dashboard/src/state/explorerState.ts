// The Explorer's view lives in the URL query string, so a link reopens the same chart:
// /explore?metric=volume&group_by=lang&granularity=week&from=2025-01-01&to=2025-01-31&actor=public&q=rednote&volume=source_share
import type { GroupBy, Metric, SliceFilters, SyntheticMode } from '../api/types';
import type { TrendOptions } from '../api/trendOptions';
import { rangeEndInstant, rangeStartInstant, type ViewGranularity } from './viewState';
import { parseVolumeMode, volumeMetric, type VolumeMode } from './volumeMode';
import { chartCounting, countingQuery, type Copies, type Unit } from './divideMode';

/**
 * Metric, grouping and bucket size are kept as the URL gives them: which ones exist is the
 * API's to say (its OpenAPI document, see api/trendOptions.ts), and reconcileExplorerState
 * replaces, with a note, what it does not offer.
 */
export type ExplorerMetric = Metric;
export type ExplorerDimension = GroupBy;
/** Filters that take comma-separated labels or codes. */
export const FILTER_NAMES = ['actor', 'stance', 'sentiment', 'topic', 'lang', 'source'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
/** Which of the model's confidences the minimum applies to (the API's confidence_on). */
export const CONFIDENCE_ON = ['stance', 'sentiment', 'actor'] as const;
export type ConfidenceOn = (typeof CONFIDENCE_ON)[number];

export interface ExplorerState {
  metric: ExplorerMetric;
  groupBy: ExplorerDimension;
  granularity: ViewGranularity;
  from: string | null;
  to: string | null;
  filters: Partial<Record<FilterName, string>>;
  /** Keyword in the text: applies to the drill-down and the export (the rollups have no text). */
  q: string;
  volume: VolumeMode;
  /** Minimum model confidence, 0..1 as typed ('' for none): applies to the chart, drill-down and export. */
  minConfidence: string;
  confidenceOn: ConfidenceOn;
  /** Per post (default) or per author: each author's posts averaged first; volume counts authors. */
  unit: Unit;
  /** Every copy (default) or each copy cluster once (`copies=once`): reposts, copypasta, syndicated releases. */
  copies: Copies;
  /** `exclude` hides the synthetic posts (the wholly synthetic sources of the window). */
  synthetic: SyntheticMode;
}

/** A usable minimum confidence as text, or '' (anything outside 0..1 is dropped, not guessed at). */
export function cleanConfidence(value: string | null): string {
  const text = (value ?? '').trim();
  const number = Number(text);
  return text !== '' && Number.isFinite(number) && number >= 0 && number <= 1 ? text : '';
}

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function parseExplorerState(search: string): ExplorerState {
  const p = new URLSearchParams(search);
  const filters: ExplorerState['filters'] = {};
  for (const name of FILTER_NAMES) {
    const value = p.get(name);
    if (value) filters[name] = value;
  }
  return {
    metric: (p.get('metric') || 'volume') as Metric,
    groupBy: (p.get('group_by') || 'actor') as GroupBy,
    granularity: (p.get('granularity') || 'week') as ViewGranularity,
    from: p.get('from') || null,
    to: p.get('to') || null,
    filters,
    q: p.get('q') ?? '',
    volume: parseVolumeMode(p.get('volume')),
    minConfidence: cleanConfidence(p.get('min_confidence')),
    confidenceOn: pick(p.get('confidence_on'), CONFIDENCE_ON, 'stance'),
    unit: p.get('unit') === 'author' ? 'author' : 'post',
    copies: p.get('copies') === 'once' ? 'once' : 'all',
    synthetic: p.get('synthetic') === 'exclude' ? 'exclude' : 'include',
  };
}

export function serializeExplorerState(s: ExplorerState): string {
  const p = new URLSearchParams({ metric: s.metric, group_by: s.groupBy, granularity: s.granularity });
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  for (const name of FILTER_NAMES) if (s.filters[name]) p.set(name, s.filters[name]!);
  if (s.q) p.set('q', s.q);
  if (s.metric === 'volume' && s.volume === 'source_share') p.set('volume', 'source_share');
  setConfidence(p, s);
  if (s.unit === 'author') p.set('unit', 'author');
  if (s.copies === 'once') p.set('copies', 'once');
  if (s.synthetic === 'exclude') p.set('synthetic', 'exclude');
  return `?${p.toString()}`;
}

function setConfidence(p: URLSearchParams, s: ExplorerState): void {
  if (!s.minConfidence) return;
  p.set('min_confidence', s.minConfidence);
  p.set('confidence_on', s.confidenceOn);
}

/** Hourly buckets only for windows up to this many days (the API's limit for hours). */
export const MAX_HOURLY_DAYS = 92;

const DEFAULTS = { metric: 'volume', groupBy: 'actor', granularity: 'week' } as const;

/**
 * The view the Explorer can draw, and a note for every URL parameter it had to ignore or
 * change: a metric, grouping or bucket size the API does not offer, or hourly buckets over a
 * window too long for them (drawn by day instead).
 */
export function reconcileExplorerState(view: ExplorerState, options: TrendOptions): { view: ExplorerState; notes: string[] } {
  const notes: string[] = [];
  const next = { ...view };
  const check = <K extends 'metric' | 'groupBy' | 'granularity'>(key: K, param: string, allowed: string[]) => {
    if (allowed.includes(view[key])) return;
    next[key] = DEFAULTS[key] as ExplorerState[K];
    notes.push(`${param}=${view[key]} is not offered by the API (it offers ${allowed.join(', ')}): showing ${DEFAULTS[key]}.`);
  };
  check('metric', 'metric', options.metrics);
  check('groupBy', 'group_by', options.groupBy);
  check('granularity', 'granularity', options.granularities);
  if (next.granularity === 'hour') {
    const days = view.from && view.to ? (Date.parse(rangeEndInstant(view.to)) - Date.parse(rangeStartInstant(view.from))) / 86_400_000 : Infinity;
    if (!(days <= MAX_HOURLY_DAYS)) {
      next.granularity = 'day';
      notes.push(`granularity=hour needs a window of at most ${MAX_HOURLY_DAYS} days with both dates set: showing one point per day.`);
    }
  }
  return { view: next, notes };
}

/** The trend metric the chart draws: volume in its chosen mode, or the metric itself. */
export const explorerTrendMetric = (s: ExplorerState): Metric => (s.metric === 'volume' ? volumeMetric(s.volume) : s.metric);

/** How the chart counts: the view's unit and copies, as far as its metric has them (see chartCounting). */
export const explorerCounting = (s: ExplorerState) => chartCounting(explorerTrendMetric(s), s.unit, s.copies);

/** The query of `/api/trends` for the view (the keyword is not a trend filter; the minimum confidence is). */
export function explorerTrendsUrl(s: ExplorerState): string {
  const p = new URLSearchParams({ metric: explorerTrendMetric(s), group_by: s.groupBy, granularity: s.granularity });
  if (s.from) p.set('from', rangeStartInstant(s.from));
  if (s.to) p.set('to', rangeEndInstant(s.to));
  for (const name of FILTER_NAMES) if (s.filters[name]) p.set(name, s.filters[name]!);
  setConfidence(p, s);
  for (const [name, value] of Object.entries(countingQuery(explorerCounting(s)))) p.set(name, value);
  if (s.synthetic === 'exclude') p.set('synthetic', 'exclude');
  return `/api/trends?${p.toString()}`;
}

/** The view's slice of posts, for the drill-down and the export: every filter, the keyword and the minimum confidence. */
export function explorerSlice(s: ExplorerState): SliceFilters {
  return {
    from: s.from ? rangeStartInstant(s.from) : undefined,
    to: s.to ? rangeEndInstant(s.to) : undefined,
    ...s.filters,
    q: s.q || undefined,
    min_confidence: s.minConfidence || undefined,
    confidence_on: s.minConfidence ? s.confidenceOn : undefined,
  };
}

/** The export of the view's slice: its rows one per copy cluster when the chart counts copies once, and the unit for its sidecar. */
export function explorerExportQuery(s: ExplorerState): URLSearchParams {
  const counting = explorerCounting(s);
  const params = new URLSearchParams(Object.entries(explorerSlice(s)).filter((e): e is [string, string] => Boolean(e[1])));
  params.set('unit', counting.unit);
  if (counting.copies === 'once') params.set('copies', 'once');
  return params;
}
