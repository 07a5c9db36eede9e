import type { GapSpan } from '../api/types';
import { formatDateHour } from './time';

/** What a chart asks /api/gaps for: its own window and the sources of its filter. */
export interface GapsQuery {
  from: string;
  to: string;
  granularity: 'hour' | 'day' | 'week';
  /** Comma-separated sources; all sources when absent. */
  sources?: string;
}

export function gapsUrl(query: GapsQuery): string {
  const params = new URLSearchParams({ from: query.from, to: query.to, granularity: query.granularity });
  if (query.sources) params.set('source', query.sources);
  return `/api/gaps?${params.toString()}`;
}

/** The words a gap is shown with, on the chart and in lists. */
export function gapLabel(gap: Pick<GapSpan, 'source' | 'reason'>): string {
  return gap.reason === 'failing' ? `${gap.source} failing` : `No posts collected from ${gap.source}`;
}

const HOUR_MS = 3_600_000;
/** "2 May 2025, 06:00 to 2 May 2025, 16:00 UTC (10 hours)". */
export function describeGapTime(gap: Pick<GapSpan, 'from' | 'to'>): string {
  const from = Date.parse(gap.from);
  const to = Date.parse(gap.to);
  const hours = Math.round((to - from) / HOUR_MS);
  return `${formatDateHour(from)} to ${formatDateHour(to)} UTC (${hours} hour${hours === 1 ? '' : 's'})`;
}

/** Why a gap is one, in a few words. */
export function describeGapEvidence(gap: GapSpan): string {
  if (gap.reason === 'failing') {
    const runs = `${gap.failed_runs} failed run${gap.failed_runs === 1 ? '' : 's'}`;
    return gap.last_error ? `${runs}; last error: ${gap.last_error}` : runs;
  }
  return gap.expected_posts === null ? 'no posts stored' : `no posts stored where its usual pace predicts about ${gap.expected_posts}`;
}

/** One legend entry per source and reason, in a stable order. */
export function gapKinds(gaps: readonly GapSpan[]): Array<Pick<GapSpan, 'source' | 'reason'> & { spans: number }> {
  const kinds = new Map<string, Pick<GapSpan, 'source' | 'reason'> & { spans: number }>();
  for (const gap of gaps) {
    const key = `${gap.reason}\u0000${gap.source}`;
    const kind = kinds.get(key) ?? { source: gap.source, reason: gap.reason, spans: 0 };
    kind.spans++;
    kinds.set(key, kind);
  }
  return [...kinds.values()].sort((a, b) => a.reason.localeCompare(b.reason) || a.source.localeCompare(b.source));
}

/** Gaps drawn narrower than this are widened about their centre, so even an hour on a year's axis shows. */
export const MIN_GAP_WIDTH_PX = 2;

/** Pattern ids of one chart's hatches (each chart has its own, so a downloaded SVG keeps them). */
export function gapPatternIds(prefix: string): Record<GapSpan['reason'], string> {
  const safe = prefix.replace(/[^A-Za-z0-9_-]/g, '');
  return { no_posts: `gap-hatch-no-posts-${safe}`, failing: `gap-hatch-failing-${safe}` };
}
