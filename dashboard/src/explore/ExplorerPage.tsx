import { useEffect, useMemo, useState } from 'react';
import { fetchSummary, getJson } from '../api/client';
import type { SliceFilters, SummaryResponse, TrendsResponse } from '../api/types';
import { compareActorKeys } from '../chart/actors';
import type { DrillTarget } from '../chart/drill';
import { bucketLengthMs } from '../chart/drill';
import { hasAnyPoint, seriesToRows, totalN } from '../chart/rows';
import { formatBucket } from '../chart/time';
import { seriesLabel } from '../chart/palette';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../divide/StatusMessage';
import { DrillDownPanel } from '../drill/DrillDownPanel';
import { PointPicker } from '../drill/PointPicker';
import { useApi } from '../hooks/useApi';
import { useUrlState } from '../hooks/useUrlState';
import { useGaps } from '../hooks/useGaps';
import { GapLegend } from '../gaps/GapLegend';
import { explorerCounting, explorerSlice, explorerTrendMetric, explorerTrendsUrl, parseExplorerState, reconcileExplorerState, serializeExplorerState, type ExplorerState } from '../state/explorerState';
import { fetchTrendOptions, type TrendOptions } from '../api/trendOptions';
import { useTimelineEvents } from '../hooks/useTimelineEvents';
import { markedEvents } from '../chart/events';
import { defaultForTimeline, storedRange, windowKind } from '../state/defaultWindow';
import { WindowNote } from '../divide/WindowNote';
import { VOLUME_AXIS_LABELS } from '../state/volumeMode';
import { ExplorerAbout } from './ExplorerAbout';
import { ExplorerChart } from './ExplorerChart';
import { ExplorerControls, METRIC_LABELS } from './ExplorerControls';
import { ExplorerLegend } from './ExplorerLegend';
import { SaveViewControl } from '../views/SaveViewControl';
import { SyntheticSwitch } from '../divide/SyntheticSwitch';
import { compositionSentence, syntheticBadge } from '../chart/synthetic';
import { changePointMarks } from '../chart/changePoints';
import { ChangePointList, type ChangePointStyle } from '../divide/ChangePointMarkers';
import { seriesColor } from '../chart/palette';

function yAxisLabel(view: ExplorerState): string {
  const counting = explorerCounting(view);
  const once = counting.copies === 'once' ? ', copies once' : '';
  if (view.metric === 'volume') return `${counting.unit === 'author' ? 'Authors (count)' : VOLUME_AXIS_LABELS[view.volume]}${once}`;
  const per = counting.unit === 'author' ? ', per author' : '';
  if (view.metric === 'sentiment_mean') return `Mean sentiment (−1 to +1)${per}${once}`;
  if (view.metric === 'volume_share_of_source') return VOLUME_AXIS_LABELS.source_share;
  return `${METRIC_LABELS[view.metric] ?? view.metric}${per}${once}`;
}

/** Change points are drawn in their series' colours and named as the legend names the series. */
function explorerMarkerStyle(view: ExplorerState, keys: string[]): ChangePointStyle {
  return {
    metric: explorerTrendMetric(view),
    unit: explorerCounting(view).unit,
    granularity: view.granularity,
    colorOf: (key) => seriesColor(view.groupBy, key, keys.indexOf(key)),
    labelOf: (key) => seriesLabel(view.groupBy, key),
  };
}

/** "Explorer": any metric by any dimension, filtered; the whole view is in the URL. */
export function ExplorerPage() {
  const options = useApi<TrendOptions>('trend-options', fetchTrendOptions);
  if (options.state.status === 'error') {
    return (
      <main id="main" className="explorer-page">
        <ErrorMessage what="the API's list of metrics" error={options.state.error} onRetry={options.retry} />
      </main>
    );
  }
  if (options.state.status === 'loading') {
    return (
      <main id="main" className="explorer-page">
        <LoadingMessage what="the API's list of metrics" />
      </main>
    );
  }
  return <Explorer options={options.state.data} />;
}

function Explorer({ options }: { options: TrendOptions }) {
  const [asked, setView] = useUrlState(parseExplorerState, serializeExplorerState);
  // What the URL asked for, made drawable; every change is said in a note above the chart.
  // Memoised: the controls reset their draft whenever the view object changes.
  const { view, notes } = useMemo(() => reconcileExplorerState(asked, options), [asked, options]);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const summary = useApi<SummaryResponse>('summary', fetchSummary);
  const timeline = useTimelineEvents();
  // A view without dates opens on the same default window as the divide, written to the URL.
  const data = storedRange(summary.state.status === 'ready' ? summary.state.data : null);
  const fallback = summary.state.status === 'loading' ? null : defaultForTimeline(timeline.state, data);
  const undated = !asked.from && !asked.to;
  const [fallbackFrom, fallbackTo] = [fallback?.from ?? null, fallback?.to ?? null];
  useEffect(() => {
    if (undated && fallbackFrom && fallbackTo) setView({ ...asked, from: fallbackFrom, to: fallbackTo }, { replace: true });
  }, [undated, fallbackFrom, fallbackTo, asked, setView]);
  // Until then no chart is asked for: it would be of the API's own default window.
  const waiting = undated && (summary.state.status === 'loading' || timeline.state.status === 'loading' || fallback !== null);
  const url = explorerTrendsUrl(view);
  const { state, retry } = useApi<TrendsResponse>(waiting ? null : url, (signal) => getJson<TrendsResponse>(url, signal));
  // Gaps over the window the chart actually shows, for the sources of the filter (all when none).
  const shown = state.status === 'ready' ? state.data : null;
  const gaps = useGaps(shown && { from: shown.from, to: shown.to, granularity: view.granularity, sources: view.filters.source });
  const gapSpans = gaps.state.status === 'ready' ? gaps.state.data.gaps : undefined;
  const shownDomain: [number, number] | null = shown ? [Date.parse(shown.from), Date.parse(shown.to)] : null;
  const marked = markedEvents(timeline.events, shownDomain);

  function change(next: ExplorerState) {
    setDrill(null);
    setView(next);
  }

  return (
    <main id="main" className="explorer-page">
      <header className="page-header">
        <h1>Explorer</h1>
        <p className="page-lede">Any metric by actor, stance, topic, language or source, over any filtered slice.</p>
      </header>
      {notes.length > 0 && (
        <ul className="url-notes" data-testid="explorer-url-notes" role="status">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <ExplorerControls view={view} options={options} onChange={change} />
      {view.from && view.to && (
        <WindowNote
          kind={windowKind({ from: view.from, to: view.to }, fallback, data)}
          shown={{ from: view.from, to: view.to }}
          fallback={fallback}
          data={data}
          onPick={(range) => change({ ...view, ...range })}
        />
      )}
      <SyntheticSwitch mode={view.synthetic} onChange={(synthetic) => change({ ...view, synthetic })} />
      <SaveViewControl page="explore" />
      <section className="chart-card" id="explorer-chart" data-testid="explorer-chart" data-state={state.status} aria-label="Explorer chart">
        {state.status === 'loading' && <LoadingMessage what="the chart" />}
        {state.status === 'error' && <ErrorMessage what="the chart" error={state.error} onRetry={retry} />}
        {state.status === 'ready' && renderReady(state.data)}
      </section>
    </main>
  );

  function renderReady(data: TrendsResponse) {
    if (!hasAnyPoint(data.series)) {
      return <EmptyMessage>No posts match these filters in this window. Widen the dates or remove a filter.</EmptyMessage>;
    }
    const keys =
      view.groupBy === 'actor'
        ? data.series.map((s) => s.key).sort(compareActorKeys)
        : [...data.series].sort((a, b) => totalN(b) - totalN(a)).map((s) => s.key);
    // Rows exist only for buckets with posts, so a series missing from one has none of its
    // source's posts there: 0 posts, and a share of 0.
    const rows = seriesToRows(data.series, view.metric === 'volume' || view.metric === 'volume_share_of_source', view.granularity);
    const start = Date.parse(data.from);
    const end = Date.parse(data.to);
    const domainX: [number, number] | null = Number.isFinite(start) && Number.isFinite(end) ? [start, end] : null;
    const slice = explorerSlice(view);
    const drillSlice: SliceFilters | null = drill && {
      ...slice,
      from: new Date(drill.ts).toISOString(),
      to: new Date(drill.ts + bucketLengthMs(view.granularity)).toISOString(),
      [view.groupBy]: drill.seriesKey,
    };
    const badge = syntheticBadge(data.composition);
    const changePoints = changePointMarks(data.series, keys, rows);
    const markerStyle = explorerMarkerStyle(view, keys);
    return (
      <>
        <p className="chart-composition" data-testid="explorer-composition">
          {badge && <span className="synthetic-badge">{badge}</span>} {compositionSentence(data.composition)} Sources:{' '}
          {data.composition.sources.join(', ') || 'none'}.
        </p>
        <ExplorerLegend dimension={view.groupBy} seriesKeys={keys} totals={new Map(data.series.map((s) => [s.key, totalN(s)]))} />
        <GapLegend gaps={gaps} />
        <div className="chart-plot">
          <ExplorerChart
            view={view}
            rows={rows}
            seriesKeys={keys}
            domainX={domainX}
            yLabel={yAxisLabel(view)}
            gaps={gapSpans}
            events={marked}
            onSelectPoint={(seriesKey, row) => setDrill({ seriesKey, ts: row.ts, n: row.counts[seriesKey] ?? 0 })}
            changePoints={{ marks: changePoints, style: markerStyle }}
          />
        </div>
        <ChangePointList marks={changePoints} style={markerStyle} />
        <PointPicker idPrefix="explorer" rows={rows.filter((r) => !r.empty)} seriesKeys={keys} granularity={view.granularity} onPick={setDrill} selected={drill} />
        {drill && drillSlice && (
          <DrillDownPanel
            title={`${view.groupBy} ${seriesLabel(view.groupBy, drill.seriesKey)}, ${formatBucket(drill.ts, view.granularity)}${view.q ? `, containing “${view.q}”` : ''}`}
            filters={drillSlice}
            expected={view.q ? undefined : drill.n}
            countedOnce={explorerCounting(view).copies === 'once'}
            onClose={() => setDrill(null)}
          />
        )}
        <ExplorerAbout data={data} view={view} seriesKeys={keys} yLabel={yAxisLabel(view)} gaps={gaps} changePoints={changePoints} />
      </>
    );
  }
}
