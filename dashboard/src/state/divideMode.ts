// How the divide counts: per author or per post (`unit`), stance shares raw or corrected for the
// classifier's errors (`correction`), and copies of one text once or each (`copies`). Kept in the
// URL like the rest of the view; the defaults (per author, corrected, copies once) are the API's
// and are left out of the link.
import type { Metric } from '../api/types';

export const UNITS = ['author', 'post'] as const;
export type Unit = (typeof UNITS)[number];
export const CORRECTIONS = ['confusion', 'none'] as const;
export type Correction = (typeof CORRECTIONS)[number];

export const COPIES = ['once', 'all'] as const;
export type Copies = (typeof COPIES)[number];

export const parseCopies = (value: string | null): Copies => (value === 'all' ? 'all' : 'once');
export const parseUnit = (value: string | null): Unit => (value === 'post' ? 'post' : 'author');
export const parseCorrection = (value: string | null): Correction => (value === 'none' ? 'none' : 'confusion');

/** Words on the switches, and after each chart's title and axis. */
export const UNIT_LABELS: Record<Unit, string> = { author: 'per author', post: 'per post' };
export const CORRECTION_LABELS: Record<Correction, string> = { confusion: 'corrected for classifier error', none: 'raw classifier labels' };
export const COPIES_LABELS: Record<Copies, string> = { once: 'copies once', all: 'every copy' };

/** How one trend chart counts: its unit and copies, as sent to `/api/trends`. */
export interface Counting {
  unit: Unit;
  copies: Copies;
}

/**
 * What a trend of `metric` can count of the asked unit and copies. The share of a source's posts
 * has neither a per-author nor a copies-once form (its denominator comes from the rollups, which
 * count every post), so it always counts every post; the API refuses the other combinations.
 */
export function chartCounting(metric: Metric, unit: Unit, copies: Copies): Counting {
  return metric === 'volume_share_of_source' ? { unit: 'post', copies: 'all' } : { unit, copies };
}

/** "per author, copies once": after a chart's title and on its axis. */
export const countingLabel = (counting: Counting): string => `${UNIT_LABELS[counting.unit]}, ${COPIES_LABELS[counting.copies]}`;

/** The query parameters of a counting that differ from `/api/trends`' defaults (per post, every copy). */
export function countingQuery(counting: Counting): { unit?: 'author'; copies?: 'once' } {
  return { ...(counting.unit === 'author' && { unit: 'author' as const }), ...(counting.copies === 'once' && { copies: 'once' as const }) };
}
