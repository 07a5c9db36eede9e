import type { SliceComposition, SummaryResponse } from '../api/types';
import { formatCount } from '../chart/format';
import { formatDate } from '../chart/time';

/**
 * One line on what is stored (how many posts, from when to when, model versions) and the sources
 * of the window on screen: those of the whole store would name sources that drew nothing here.
 */
export function DataSummary({ summary, window }: { summary: SummaryResponse; window: SliceComposition | null }) {
  const span =
    summary.first && summary.last
      ? `from ${formatDate(Date.parse(summary.first))} to ${formatDate(Date.parse(summary.last))}`
      : 'no dates yet';
  return (
    <p className="data-summary" data-testid="data-summary">
      {formatCount(summary.posts)} posts stored, {span}.{' '}
      <span data-testid="window-sources">
        {window ? `Sources in this window: ${window.sources.join(', ') || 'none'}.` : 'Sources in this window: counting.'}
      </span>{' '}
      Models:{' '}
      {summary.model_versions.join(', ') || 'none yet'}.
    </p>
  );
}
