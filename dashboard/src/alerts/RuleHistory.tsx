import { EmptyMessage, ErrorMessage, LoadingMessage } from '../divide/StatusMessage';
import { useApi } from '../hooks/useApi';
import { fetchHistory } from './alertsApi';
import { FeedEntry } from './FeedEntry';
import type { AlertRule } from './types';

/** Every state change of one rule, newest first. */
export function RuleHistory({ rule, version, onClose }: { rule: AlertRule; version: number; onClose: () => void }) {
  const { state, retry } = useApi(`${rule.id}:${version}`, (signal) => fetchHistory(rule.id, signal));
  return (
    <section className="rule-history" aria-labelledby="rule-history-title" data-state={state.status}>
      <div className="rule-history-header">
        <h3 id="rule-history-title">History of “{rule.name}”</h3>
        <button type="button" onClick={onClose}>
          Close history
        </button>
      </div>
      {state.status === 'loading' && <LoadingMessage what="the history" />}
      {state.status === 'error' && <ErrorMessage what="the history" error={state.error} onRetry={retry} />}
      {state.status === 'ready' && state.data.length === 0 && <EmptyMessage>No state changes yet: the rule has stayed OK (or not been evaluated).</EmptyMessage>}
      {state.status === 'ready' && state.data.length > 0 && (
        <ol className="feed-list">
          {state.data.map((entry) => (
            <FeedEntry key={`${entry.at}-${entry.from}-${entry.to}`} entry={entry} metric={rule.metric} showRule={false} />
          ))}
        </ol>
      )}
    </section>
  );
}
