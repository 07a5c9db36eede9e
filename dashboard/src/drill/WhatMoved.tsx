import { getJson } from '../api/client';
import type { Mover, MoversResponse, SliceFilters } from '../api/types';
import { formatCount } from '../chart/format';
import { ErrorMessage, LoadingMessage } from '../divide/StatusMessage';
import { useApi } from '../hooks/useApi';

const share = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
const points = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });

function moversUrl(filters: SliceFilters): string {
  const params = new URLSearchParams({ limit: '5' });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return `/api/movers?${params.toString()}`;
}

/** "What moved here": topics and matched terms that rose most against the window before. */
export function WhatMoved({ filters }: { filters: SliceFilters }) {
  const url = moversUrl(filters);
  const { state, retry } = useApi<MoversResponse>(url, (signal) => getJson<MoversResponse>(url, signal));
  return (
    <section className="what-moved" data-testid="what-moved" data-state={state.status} aria-label="What moved here">
      <h4>What moved here</h4>
      {state.status === 'loading' && <LoadingMessage what="what moved" />}
      {state.status === 'error' && <ErrorMessage what="what moved" error={state.error} onRetry={retry} />}
      {state.status === 'ready' && (
        <>
          <p className="what-moved-note">
            Share of posts against the period just before ({formatCount(state.data.window.posts)} posts now,{' '}
            {formatCount(state.data.previous.posts)} before).
          </p>
          <div className="what-moved-lists">
            <MoverList title="Topics" movers={state.data.topics} />
            <MoverList title="Matched terms" movers={state.data.terms} />
          </div>
        </>
      )}
    </section>
  );
}

function MoverList({ title, movers }: { title: string; movers: Mover[] }) {
  return (
    <div>
      <h5>{title}</h5>
      {movers.length === 0 ? (
        <p className="what-moved-none">none in these posts</p>
      ) : (
        <ol>
          {movers.map((m) => (
            <li key={m.item} data-item={m.item}>
              <span className="mover-item">{m.item}</span> {share.format(m.share_now)} (n = {formatCount(m.now)}) vs{' '}
              {share.format(m.share_before)} before, {points.format(m.rise * 100)} pts
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
