import type { SummaryResponse } from '../api/types';
import { formatCount } from '../chart/format';
import { formatDate } from '../chart/time';

/** One line on what is stored: how many posts, from when to when, sources and model versions. */
export function DataSummary({ summary }: { summary: SummaryResponse }) {
  const span =
    summary.first && summary.last
      ? `from ${formatDate(Date.parse(summary.first))} to ${formatDate(Date.parse(summary.last))}`
      : 'no dates yet';
  return (
    <p className="data-summary" data-testid="data-summary">
      {formatCount(summary.posts)} posts stored, {span}. Sources: {summary.sources.join(', ') || 'none'}. Models:{' '}
      {summary.model_versions.join(', ') || 'none yet'}.
    </p>
  );
}
