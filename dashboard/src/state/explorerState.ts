// The Explorer's view lives in the URL query string, so a link reopens the same chart:
// /explore?metric=volume&group_by=lang&granularity=week&from=2025-01-01&to=2025-01-31&actor=public&q=rednote&volume=source_share
import type { Metric, SliceFilters } from '../api/types';
import { rangeEndInstant, rangeStartInstant, type ViewGranularity } from './viewState';
import { parseVolumeMode, volumeMetric, type VolumeMode } from './volumeMode';

export const EXPLORER_METRICS = ['volume', 'stance_oppose_share', 'stance_support_share', 'sentiment_mean'] as const;
export type ExplorerMetric = (typeof EXPLORER_METRICS)[number];
export const EXPLORER_DIMENSIONS = ['actor', 'stance', 'topic', 'lang', 'source'] as const;
export type ExplorerDimension = (typeof EXPLORER_DIMENSIONS)[number];
/** Filters that take comma-separated labels or codes. */
export const FILTER_NAMES = ['actor', 'stance', 'topic', 'lang', 'source'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

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
    metric: pick(p.get('metric'), EXPLORER_METRICS, 'volume'),
    groupBy: pick(p.get('group_by'), EXPLORER_DIMENSIONS, 'actor'),
    granularity: pick(p.get('granularity'), ['day', 'week'] as const, 'week'),
    from: p.get('from') || null,
    to: p.get('to') || null,
    filters,
    q: p.get('q') ?? '',
    volume: parseVolumeMode(p.get('volume')),
  };
}

export function serializeExplorerState(s: ExplorerState): string {
  const p = new URLSearchParams({ metric: s.metric, group_by: s.groupBy, granularity: s.granularity });
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  for (const name of FILTER_NAMES) if (s.filters[name]) p.set(name, s.filters[name]!);
  if (s.q) p.set('q', s.q);
  if (s.metric === 'volume' && s.volume === 'source_share') p.set('volume', 'source_share');
  return `?${p.toString()}`;
}

/** The trend metric the chart draws: volume in its chosen mode, or the metric itself. */
export const explorerTrendMetric = (s: ExplorerState): Metric => (s.metric === 'volume' ? volumeMetric(s.volume) : s.metric);

/** The query of `/api/trends` for the view (the keyword is not a trend filter). */
export function explorerTrendsUrl(s: ExplorerState): string {
  const p = new URLSearchParams({ metric: explorerTrendMetric(s), group_by: s.groupBy, granularity: s.granularity });
  if (s.from) p.set('from', rangeStartInstant(s.from));
  if (s.to) p.set('to', rangeEndInstant(s.to));
  for (const name of FILTER_NAMES) if (s.filters[name]) p.set(name, s.filters[name]!);
  return `/api/trends?${p.toString()}`;
}

/** The view's slice of posts, for the drill-down and the export: every filter and the keyword. */
export function explorerSlice(s: ExplorerState): SliceFilters {
  return {
    from: s.from ? rangeStartInstant(s.from) : undefined,
    to: s.to ? rangeEndInstant(s.to) : undefined,
    ...s.filters,
    q: s.q || undefined,
  };
}
