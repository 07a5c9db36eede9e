import { formatAlertValue, formatCount, formatTime, STATUS_WORDS } from './format';
import type { HistoryEntry } from './types';

/**
 * One state change: when, from what to what, and the numbers behind it, with links to the
 * slice it was measured on. The metric is known only for rules still stored.
 */
export function FeedEntry({ entry, metric, showRule }: { entry: HistoryEntry; metric: string | undefined; showRule: boolean }) {
  const observation = entry.details.observation;
  const value = (v: number | null) => formatAlertValue(metric ?? '', v);
  return (
    <li className={`feed-entry feed-to-${entry.to}`} data-rule-id={entry.rule_id} data-to={entry.to}>
      <p className="feed-head">
        <span className={`alert-status alert-status-${entry.to}`}>{STATUS_WORDS[entry.to]}</span>{' '}
        {showRule && <strong className="feed-rule">{entry.rule_name}</strong>} <span className="feed-change">(from {STATUS_WORDS[entry.from].toLowerCase()})</span>{' '}
        <time dateTime={entry.at}>{formatTime(entry.at)}</time>
      </p>
      <p className="feed-numbers">
        Value {value(entry.value)} (n = {formatCount(entry.n)}); threshold {value(entry.threshold)}, recovery {value(entry.recovery_threshold)}
        {observation && `; window ${formatTime(observation.window_from)} to ${formatTime(observation.window_to)}`}.
        {observation?.note && ` ${observation.note}.`}
      </p>
      {entry.links && (
        <p className="feed-links">
          <a href={entry.links.view}>View this window</a> · <a href={entry.links.posts}>Example posts (JSON)</a>
        </p>
      )}
    </li>
  );
}
