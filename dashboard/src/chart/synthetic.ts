import type { SliceComposition } from '../api/types';
import { formatCount } from './format';

/**
 * How synthetic the posts behind one chart are, in words: from the chart's own window and slice
 * (the API's `composition`), never from the whole store.
 */
export type SyntheticKind = 'none' | 'partly' | 'all';

export function syntheticKind(c: SliceComposition): SyntheticKind {
  if (c.synthetic_posts <= 0 || c.posts <= 0) return 'none';
  return c.synthetic_posts >= c.posts ? 'all' : 'partly';
}

/** "37%" (never 0% or 100% for a share that is neither). */
export function syntheticPercent(c: SliceComposition): string {
  const share = c.posts > 0 ? c.synthetic_posts / c.posts : 0;
  const pct = Math.round(share * 100);
  return `${share > 0 && pct === 0 ? '<1' : share < 1 && pct === 100 ? '>99' : pct}%`;
}

/** The badge beside a chart's title, or null for real data. */
export function syntheticBadge(c: SliceComposition): string | null {
  const kind = syntheticKind(c);
  if (kind === 'none') return null;
  return kind === 'all' ? 'Synthetic demo data' : `${syntheticPercent(c)} synthetic`;
}

/** One sentence for captions and exported images: the n and the synthetic share. */
export function compositionSentence(c: SliceComposition): string {
  const n = `n = ${formatCount(c.posts)} posts`;
  const kind = syntheticKind(c);
  if (kind === 'none') return `${n}, none synthetic.`;
  if (kind === 'all') return `${n}, all synthetic demo data (not real posts).`;
  return `${n}, of which ${formatCount(c.synthetic_posts)} (${syntheticPercent(c)}) synthetic demo data${c.exact ? '' : ', estimated'}.`;
}
