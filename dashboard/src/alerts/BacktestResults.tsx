import { EmptyMessage } from '../divide/StatusMessage';
import { BacktestChart } from './BacktestChart';
import { formatAlertValue, formatCount, formatTime } from './format';
import type { BacktestResult, RuleBody } from './types';

interface Props {
  result: BacktestResult;
  /** The draft as it was backtested (the form may have changed since). */
  rule: RuleBody;
}

/** What the draft rule would have done over the stored posts: a chart and the list of episodes. */
export function BacktestResults({ result, rule }: Props) {
  const recovery = rule.recovery_threshold ?? rule.threshold;
  const small = result.points.filter((p) => p.insufficient).length;
  const episodes = result.episodes;
  return (
    <section className="chart-card backtest" aria-labelledby="backtest-title" data-episodes={episodes.length}>
      <h2 id="backtest-title">Backtest: when “{rule.name || 'this rule'}” would have fired</h2>
      <p className="backtest-summary">
        {formatCount(result.steps)} evaluations, one every {rule.interval}, from {formatTime(result.from)} to {formatTime(result.to)}, each over a
        window of {rule.window}: the rule would have fired <strong>{episodes.length === 1 ? 'once' : `${formatCount(episodes.length)} times`}</strong>.{' '}
        {small > 0 && `${formatCount(small)} evaluations had fewer than ${rule.min_sample} posts (or no value) and could not move the rule toward firing; they are drawn as hollow grey circles.`}
      </p>
      <div className="chart-plot">
        <BacktestChart result={result} metric={rule.metric} threshold={rule.threshold} recoveryThreshold={recovery} />
      </div>
      <p className="backtest-key">
        Shaded: firing episodes. Solid red line: threshold ({rule.comparator} {formatAlertValue(rule.metric, rule.threshold)}).
        {recovery !== rule.threshold && ` Dashed blue line: recovery threshold (${formatAlertValue(rule.metric, recovery)}).`} The vertical axis is the rule's metric ({rule.metric}); n is the posts behind each value.
      </p>
      {episodes.length === 0 ? (
        <EmptyMessage>No episode: over this range the rule would never have fired.</EmptyMessage>
      ) : (
        <ol className="episode-list" aria-label="Episodes">
          {episodes.map((e) => (
            <li key={e.fired_at} className="episode">
              Fired {formatTime(e.fired_at)}
              {e.pending_at && e.pending_at !== e.fired_at && ` (pending from ${formatTime(e.pending_at)})`},{' '}
              {e.resolved_at ? `resolved ${formatTime(e.resolved_at)}` : 'still firing at the end of the range'}; peak {formatAlertValue(rule.metric, e.peak_value)}.
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
