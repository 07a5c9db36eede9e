import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { fetchTrends, trendsUrl } from '../api/client';
import type { Metric, TrendsQuery, TrendsResponse } from '../api/types';
import type { NumberedEvent } from '../chart/events';
import { formatAxisValue, formatCount } from '../chart/format';
import { seriesColor } from '../chart/palette';
import { migrationEvents, platformTotals } from '../chart/platforms';
import { seriesToRows, sortedSeriesKeys } from '../chart/rows';
import { formatDate } from '../chart/time';
import { useApi } from '../hooks/useApi';
import { EmptyMessage, ErrorMessage, LoadingMessage } from './StatusMessage';
import type { ChartWindow } from './TrendChartCard';
import { timeAxisProps } from './TimeAxisProps';
import { countingQuery, type Copies } from '../state/divideMode';

function useTrend(metric: Metric, w: ChartWindow, copies: Copies) {
  const query: TrendsQuery = { metric, groupBy: 'source', granularity: w.granularity, from: w.apiFrom, to: w.apiTo, ...countingQuery({ unit: 'post', copies }) };
  return useApi<TrendsResponse>(trendsUrl(query), (signal) => fetchTrends(query, signal));
}

/**
 * "Where people talked": volume and stance on the ban per platform (source), next to the divide,
 * with the dates of the move to RedNote marked, so the migration shows where it happened.
 */
export function PlatformsCard({ window: w, events, copies = 'all' }: { window: ChartWindow; events: NumberedEvent[]; copies?: Copies }) {
  const volume = useTrend('volume', w, copies);
  const oppose = useTrend('stance_oppose_share', w, copies);
  const marked = migrationEvents(events);
  const state = volume.state.status === 'ready' && oppose.state.status === 'ready' ? 'ready' : volume.state.status === 'error' || oppose.state.status === 'error' ? 'error' : 'loading';

  return (
    <section className="chart-card" id="chart-platforms" data-testid="chart-platforms" data-state={state} aria-labelledby="chart-platforms-heading">
      <header className="chart-card-header">
        <h2 id="chart-platforms-heading">Where people talked</h2>
      </header>
      <p className="chart-question">
        Posts per platform, and the share of each platform's posts opposing the ban, with the move to RedNote marked. Counted
        per post (the table adds up posts over the window), {copies === 'once' ? 'each copy cluster once' : 'every copy'}.
      </p>
      {state === 'loading' && <LoadingMessage what="posts per platform" />}
      {volume.state.status === 'error' && <ErrorMessage what="posts per platform" error={volume.state.error} onRetry={volume.retry} />}
      {oppose.state.status === 'error' && <ErrorMessage what="stance per platform" error={oppose.state.error} onRetry={oppose.retry} />}
      {volume.state.status === 'ready' && oppose.state.status === 'ready' && renderReady(volume.state.data, oppose.state.data)}
      {marked.length > 0 && (
        <ul className="migration-dates" aria-label="Dates of the move to RedNote">
          {marked.map((event) => (
            <li key={event.number} data-testid="migration-date">
              {formatDate(event.ms)}: {event.label}
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  function renderReady(volumeData: TrendsResponse, opposeData: TrendsResponse) {
    const totals = platformTotals(volumeData.series, opposeData.series);
    if (totals.every((t) => t.posts === 0)) return <EmptyMessage>No posts in this window.</EmptyMessage>;
    return (
      <>
        {chart('volume', seriesToRows(volumeData.series, true), sortedSeriesKeys(volumeData.series), 'Posts')}
        {chart('stance_oppose_share', seriesToRows(opposeData.series, false), sortedSeriesKeys(opposeData.series), 'Share opposing the ban')}
        <table className="platform-table" data-testid="platform-table">
          <caption>Over the window shown</caption>
          <thead>
            <tr>
              <th scope="col">Platform</th>
              <th scope="col">Posts</th>
              <th scope="col">Opposing the ban</th>
            </tr>
          </thead>
          <tbody>
            {totals.map((t) => (
              <tr key={t.source} data-source={t.source}>
                <th scope="row">{t.source}</th>
                <td data-testid="platform-posts">{formatCount(t.posts)}</td>
                <td data-testid="platform-oppose">{t.opposeShare === null ? '–' : `${Math.round(t.opposeShare * 100)}% (n = ${formatCount(t.stanceN)})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }

  function chart(metric: Metric, rows: ReturnType<typeof seriesToRows>, keys: string[], label: string) {
    const data = rows.map((row) => ({ ts: row.ts, ...row.values }));
    return (
      <figure className="platform-chart" aria-label={`${label} per platform`}>
        <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 800, height: 220 }}>
          <LineChart data={data} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#e5e7eb" vertical={false} />
            <XAxis {...timeAxisProps(w.domainX)} />
            <YAxis tickFormatter={(v: number) => formatAxisValue(metric, v)} width={56} domain={metric === 'volume' ? [0, 'auto'] : [0, 1]} />
            {marked.map((event) => (
              <ReferenceLine key={event.number} x={event.ms} className="migration-marker" stroke="#c0392b" strokeDasharray="4 2" ifOverflow="hidden" />
            ))}
            <Tooltip labelFormatter={(ts) => formatDate(Number(ts))} formatter={(value) => formatAxisValue(metric, Number(value))} />
            <Legend />
            {keys.map((key, i) => (
              <Line key={key} dataKey={key} name={key} stroke={seriesColor('source', key, i)} dot={false} connectNulls={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
    );
  }
}
