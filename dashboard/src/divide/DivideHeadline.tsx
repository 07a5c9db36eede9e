import { divideUrl, fetchDivide } from '../api/client';
import type { DivideDifference, DivideResponse, SliceComposition } from '../api/types';
import { compositionSentence } from '../chart/synthetic';
import { formatCount } from '../chart/format';
import { useApi } from '../hooks/useApi';
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
export function DivideHeadline({ from, to, composition, hideSynthetic }: { from: string; to: string; composition: SliceComposition; hideSynthetic: boolean }) {
  // Hiding synthetic posts keeps the window's other sources: the same posts as the charts.
  const filters = hideSynthetic ? { from, to, source: composition.sources.join(',') || 'none' } : { from, to };
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
  const short = [pub.n < data.min_n ? `the public has ${formatCount(pub.n)}` : null, gov.n < data.min_n ? `the US government has ${formatCount(gov.n)}` : null]
    .filter(Boolean)
    .join(' and ');
  const stance = data.oppose_share_diff && formatDiff(data.oppose_share_diff, 'share');
  const sentiment = data.sentiment_mean_diff && formatDiff(data.sentiment_mean_diff, 'score');
  return (
    <div className={data.too_few ? 'divide-numbers divide-too-few' : 'divide-numbers'} data-too-few={data.too_few}>
      {data.too_few && (
        <p className="divide-warning" role="note">
          Too few posts: {short} (at least {formatCount(data.min_n)} per side are needed). The numbers below are shown
          greyed and should not be read as a finding.
        </p>
      )}
      <dl>
        <div className="divide-figure" data-testid="divide-stance">
          <dt>Oppose share, public minus US government</dt>
          <dd className="divide-value">{stance ? stance.value : 'no data'}</dd>
          <dd className="divide-ci">{stance ? stance.ci : 'a side has no posts'}</dd>
        </div>
        <div className="divide-figure" data-testid="divide-sentiment">
          <dt>Mean sentiment, public minus US government</dt>
          <dd className="divide-value">{sentiment ? sentiment.value : 'no data'}</dd>
          <dd className="divide-ci">{sentiment ? sentiment.ci : 'needs at least 2 posts per side'}</dd>
        </div>
      </dl>
      <p className="divide-n" data-testid="divide-n">
        n = {formatCount(pub.n)} public posts, {formatCount(gov.n)} US government posts.
      </p>
      <details className="divide-method">
        <summary>How this is computed</summary>
        <p>{data.definition}</p>
        <p>{data.method}</p>
      </details>
    </div>
  );
}
