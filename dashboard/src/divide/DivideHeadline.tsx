import { divideUrl, fetchDivide } from '../api/client';
import type { DivideDifference, DivideResponse, SliceComposition } from '../api/types';
import { compositionSentence } from '../chart/synthetic';
import { formatCount } from '../chart/format';
import { useApi } from '../hooks/useApi';
import { CORRECTION_LABELS, UNIT_LABELS, type Copies, type Correction, type Unit } from '../state/divideMode';
import { ErrorMessage, LoadingMessage } from './StatusMessage';

const points = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const score = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** Percentage points for share differences, two decimals for score differences. */
function formatDiff(diff: DivideDifference, kind: 'share' | 'score'): { value: string; ci: string } {
  const f = (v: number) => (kind === 'share' ? `${points.format(v * 100)} pts` : score.format(v));
  return { value: f(diff.value), ci: `95% interval ${f(diff.ci95[0])} to ${f(diff.ci95[1])}` };
}

/**
 * The divide for the page's window, as headline numbers: public minus US government oppose share
 * and mean sentiment, each with its 95% interval and the n of each side. Greyed, and saying
 * why, when either side has fewer posts than the minimum sample size.
 */
export function DivideHeadline({
  from,
  to,
  unit,
  correction,
  copies,
  composition,
  hideSynthetic,
}: {
  from: string;
  to: string;
  unit: Unit;
  correction: Correction;
  copies: Copies;
  composition: SliceComposition;
  hideSynthetic: boolean;
}) {
  // Hiding synthetic posts keeps the window's other sources: the same posts as the charts.
  const filters = hideSynthetic ? { from, to, unit, correction, copies, source: composition.sources.join(',') || 'none' } : { from, to, unit, correction, copies };
  const { state, retry } = useApi<DivideResponse>(divideUrl(filters), (signal) => fetchDivide(filters, signal));
  return (
    <section className="divide-headline" data-testid="divide-headline" data-state={state.status} aria-labelledby="divide-heading">
      <h2 id="divide-heading">The divide in this window</h2>
      <p className="divide-composition" data-testid="divide-composition">{compositionSentence(composition)}</p>
      {state.status === 'loading' && <LoadingMessage what="the divide" />}
      {state.status === 'error' && <ErrorMessage what="the divide" error={state.error} onRetry={retry} />}
      {state.status === 'ready' && <DivideNumbers data={state.data} />}
    </section>
  );
}

function DivideNumbers({ data }: { data: DivideResponse }) {
  const { public: pub, us_government: gov } = data.sides;
  const short = [pub.n_authors < data.min_n ? `the public has ${formatCount(pub.n_authors)}` : null, gov.n_authors < data.min_n ? `the US government has ${formatCount(gov.n_authors)}` : null]
    .filter(Boolean)
    .join(' and ');
  const stance = data.oppose_share_diff && formatDiff(data.oppose_share_diff, 'share');
  const sentiment = data.sentiment_mean_diff && formatDiff(data.sentiment_mean_diff, 'score');
  const raw = data.correction && data.raw?.oppose_share_diff ? formatDiff(data.raw.oppose_share_diff, 'share') : null;
  const unitLabel = UNIT_LABELS[data.unit];
  return (
    <div className={data.too_few ? 'divide-numbers divide-too-few' : 'divide-numbers'} data-too-few={data.too_few}>
      {data.too_few && (
        <p className="divide-warning" role="note">
          Too few authors: {short} (at least {formatCount(data.min_n)} per side are needed). The numbers below are shown
          greyed and should not be read as a finding.
        </p>
      )}
      <dl>
        <div className="divide-figure" data-testid="divide-stance">
          <dt>Oppose share, public minus US government ({unitLabel}, {data.correction ? CORRECTION_LABELS.confusion : CORRECTION_LABELS.none})</dt>
          <dd className="divide-value">{stance ? stance.value : 'no data'}</dd>
          <dd className="divide-ci">{stance ? stance.ci : 'a side has no posts'}</dd>
          {raw && (
            <dd className="divide-raw" data-testid="divide-raw">
              Raw (uncorrected): {raw.value}, {raw.ci}
            </dd>
          )}
        </div>
        <div className="divide-figure" data-testid="divide-sentiment">
          <dt>Mean sentiment, public minus US government ({unitLabel})</dt>
          <dd className="divide-value">{sentiment ? sentiment.value : 'no data'}</dd>
          <dd className="divide-ci">{sentiment ? sentiment.ci : 'needs at least 2 posts per side'}</dd>
        </div>
      </dl>
      <p className="divide-n" data-testid="divide-n">
        n = {formatCount(pub.n_posts)} public posts from {formatCount(pub.n_authors)} authors, {formatCount(gov.n_posts)} US government posts
        from {formatCount(gov.n_authors)} authors. Off topic and left out: {formatCount(pub.n_off_topic)} public and{' '}
        {formatCount(gov.n_off_topic)} US government posts.
      </p>
      <p className="divide-copies" data-testid="divide-copies">
        {data.copies === 'once'
          ? 'Copies counted once: posts with the same or nearly the same text (reposts, copypasta, a press release in many feeds) count as one post, its first.'
          : 'Every copy counted: posts with the same text count once each.'}
      </p>
      <p className="divide-correction" data-testid="divide-correction">
        {data.correction
          ? `Stance shares corrected for the classifier's errors: ${data.correction.method}, confusion matrix from ${data.correction.source} (${formatCount(data.correction.labelled_n)} labelled statements, model ${data.correction.model_version}); ${data.correction.interval}.`
          : `Stance shares not corrected: ${data.correction_note ?? 'no correction was applied.'}`}
      </p>
      <details className="divide-method">
        <summary>How this is computed</summary>
        <p>{data.definition}</p>
        <p>{data.method}</p>
      </details>
    </div>
  );
}
