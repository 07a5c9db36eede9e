import { useEffect, useState } from 'react';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../divide/StatusMessage';
import type { LoadState } from '../hooks/useApi';
import { fetchFeed } from './alertsApi';
import { FeedEntry } from './FeedEntry';
import { formatTime } from './format';
import type { HistoryEntry } from './types';

const FEED_LIMIT = 100;
/** The feed is re-read this often while the page is open. */
const POLL_MS = 30_000;

/**
 * The in-app channel: state changes of every rule, newest first. It is polled; a refresh keeps
 * the entries shown until the new ones arrive, so the list does not flash.
 */
export function AlertFeed({ metricOf, version }: { metricOf: (ruleId: string) => string | undefined; version: number }) {
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<LoadState<HistoryEntry[]>>({ status: 'loading' });
  const [read, setRead] = useState<{ at: number; count: number } | null>(null);

  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), POLL_MS);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    fetchFeed(FEED_LIMIT, controller.signal).then(
      (data) => {
        setState({ status: 'ready', data });
        setRead((previous) => ({ at: Date.now(), count: (previous?.count ?? 0) + 1 }));
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [tick, version]);

  return (
    <section className="alert-feed" id="alert-feed" aria-labelledby="alert-feed-title" data-state={state.status} data-reads={read?.count ?? 0}>
      <div className="alert-feed-header">
        <h2 id="alert-feed-title">Feed</h2>
        <button type="button" onClick={() => setTick((n) => n + 1)}>
          Refresh feed
        </button>
        {read !== null && <span className="rule-since">read {formatTime(read.at)}; refreshed every 30 s</span>}
      </div>
      <p className="field-help">Every state change of every rule (OK, pending, firing, resolved), newest first, with the value, threshold and n it was decided on.</p>
      {state.status === 'loading' && <LoadingMessage what="the feed" />}
      {state.status === 'error' && <ErrorMessage what="the feed" error={state.error} onRetry={() => setTick((n) => n + 1)} />}
      {state.status === 'ready' && state.data.length === 0 && <EmptyMessage>No state changes yet. When a rule starts pending, fires or resolves, it shows here.</EmptyMessage>}
      {state.status === 'ready' && state.data.length > 0 && (
        <ol className="feed-list" aria-live="polite">
          {state.data.map((entry) => (
            <FeedEntry key={`${entry.rule_id}-${entry.at}-${entry.from}-${entry.to}`} entry={entry} metric={metricOf(entry.rule_id)} showRule />
          ))}
        </ol>
      )}
    </section>
  );
}
