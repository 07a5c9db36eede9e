import { useRef, useState, type ReactNode } from 'react';
import { fetchTrends, trendsUrl } from '../api/client';
import type { Metric, SyntheticMode, TrendsQuery, TrendsResponse } from '../api/types';
import type { NumberedEvent } from '../chart/events';
import { actorStyle } from '../chart/actors';
import { drillFilters, type DrillTarget } from '../chart/drill';
import { hasAnyPoint, seriesToRows, sortedSeriesKeys } from '../chart/rows';
import { useApi } from '../hooks/useApi';
import { formatBucket } from '../chart/time';
import { syntheticBadge, syntheticKind } from '../chart/synthetic';
import { chartImageText } from '../chart/imageCaption';
import { DrillDownPanel } from '../drill/DrillDownPanel';
import { PointPicker } from '../drill/PointPicker';
import type { ViewGranularity } from '../state/viewState';
import { AboutChart } from './AboutChart';
import { ChartPublish } from './ChartPublish';
import { ChartEventKey } from './ChartEventKey';
import { ActorLineChart } from './ActorLineChart';
import { SeriesLegend } from './SeriesLegend';
import { EmptyMessage, ErrorMessage, LoadingMessage } from './StatusMessage';
import { VolumeAreaChart } from './VolumeAreaChart';
import { GapLegend } from '../gaps/GapLegend';
import type { GapsLoad } from '../hooks/useGaps';
import { chartCounting, countingQuery, type Copies, type Unit } from '../state/divideMode';
import { changePointMarks } from '../chart/changePoints';
import { ChangePointList, type ChangePointStyle } from './ChangePointMarkers';

export interface ChartWindow {
  granularity: ViewGranularity;
  /** Instants sent to the API. */
  apiFrom: string;
  apiTo: string;
  /** The x axis, ms since epoch (null when the dates are unusable). */
  domainX: [number, number] | null;
}

interface TrendChartCardProps {
  id: string;
  title: string;
  question: string;
  metric: Metric;
  window: ChartWindow;
  events: NumberedEvent[];
  /** Whether synthetic posts are counted; the label comes from the chart's own data either way. */
  synthetic: SyntheticMode;
  /** Gaps in collection over the window, shaded on the chart and listed in its about panel. */
  gaps?: GapsLoad;
  /** The embeddable view: no drill-down, no downloads. */
  readOnly?: boolean;
  /** Controls of this chart alone (the volume's counts/share switch), under its question. */
  controls?: ReactNode;
  /** Per post (the API's default) or per author. */
  unit?: Unit;
  /** Every copy (the API's default) or each copy cluster once. */
  copies?: Copies;
}

/** A chart of one metric by actor class, with its own loading, empty and error states. */
export function TrendChartCard({ id, title, question, metric, window: w, events, synthetic, gaps, readOnly, controls, unit = 'post', copies = 'all' }: TrendChartCardProps) {
  const counting = chartCounting(metric, unit, copies);
  const query: TrendsQuery = { metric, groupBy: 'actor', granularity: w.granularity, from: w.apiFrom, to: w.apiTo, synthetic, ...countingQuery(counting) };
  const { state, retry } = useApi<TrendsResponse>(trendsUrl(query), (signal) => fetchTrends(query, signal));
  const headingId = `${id}-heading`;
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const plot = useRef<HTMLDivElement>(null);
  const composition = state.status === 'ready' ? state.data.composition : null;
  const badge = composition && syntheticBadge(composition);

  return (
    <section className="chart-card" id={id} data-testid={id} data-state={state.status} aria-labelledby={headingId}>
      <header className="chart-card-header">
        <h2 id={headingId}>{title}</h2>
        {badge && (
          <span className="synthetic-badge" data-kind={syntheticKind(composition!)}>
            {badge}
          </span>
        )}
      </header>
      <p className="chart-question">{question}</p>
      {controls}
      {state.status === 'loading' && <LoadingMessage what={title.toLowerCase()} />}
      {state.status === 'error' && <ErrorMessage what={title.toLowerCase()} error={state.error} onRetry={retry} />}
      {state.status === 'ready' && renderReady(state.data)}
    </section>
  );

  function renderReady(data: TrendsResponse) {
    if (!hasAnyPoint(data.series)) {
      return (
        <EmptyMessage>
          No posts in this window. Widen the date range, or check that ingestion has run (
          <code>npx rift start</code>).
        </EmptyMessage>
      );
    }
    const seriesKeys = sortedSeriesKeys(data.series);
    const isVolume = metric === 'volume' || metric === 'volume_share_of_source';
    const rows = seriesToRows(data.series, isVolume, w.granularity);
    const gapSpans = gaps?.state.status === 'ready' ? gaps.state.data.gaps : undefined;
    // Stacked areas have no line to put a change point on: the volume chart lists none.
    const changePoints = isVolume ? undefined : changePointMarks(data.series, seriesKeys, rows);
    const markerStyle: ChangePointStyle = { metric, unit: counting.unit, granularity: w.granularity, colorOf: (key) => actorStyle(key).color, labelOf: (key) => actorStyle(key).label };
    return (
      <>
        <SeriesLegend seriesKeys={seriesKeys} shape={isVolume ? 'area' : 'line'} />
        {gaps && <GapLegend gaps={gaps} />}
        <div className="chart-plot" ref={plot}>
          {isVolume ? (
            <VolumeAreaChart
              metric={metric}
              rows={rows}
              seriesKeys={seriesKeys}
              domainX={w.domainX}
              granularity={w.granularity}
              events={events}
              gaps={gapSpans}
            />
          ) : (
            <ActorLineChart
              metric={metric}
              rows={rows}
              seriesKeys={seriesKeys}
              domainX={w.domainX}
              zeroLine={metric === 'sentiment_mean'}
              granularity={w.granularity}
              events={events}
              gaps={gapSpans}
              onSelectPoint={readOnly ? undefined : (seriesKey, row) => setDrill({ seriesKey, ts: row.ts, n: row.counts[seriesKey] ?? 0 })}
              changePoints={changePoints && { marks: changePoints, style: markerStyle }}
            />
          )}
        </div>
        {!isVolume && <ChartEventKey events={events} />}
        {changePoints && <ChangePointList marks={changePoints} style={markerStyle} />}
        {!readOnly && (
          <ChartPublish
            plot={plot}
            data={data}
            baseName={`rift-${metric}-${w.granularity}-${data.from.slice(0, 10)}`}
            image={chartImageText({
              title,
              data,
              apiFrom: w.apiFrom,
              apiTo: w.apiTo,
              events,
              legend: seriesKeys.map((key) => ({ label: actorStyle(key).label, color: actorStyle(key).color })),
              isVolume,
              hasGaps: !!gapSpans?.length,
            })}
            embedHref={`/embed/divide?${new URLSearchParams({ metric, granularity: w.granularity, from: w.apiFrom, to: w.apiTo, ...countingQuery(counting) })}`}
          />
        )}
        {!readOnly && <PointPicker idPrefix={id} rows={rows.filter((r) => !r.empty)} seriesKeys={seriesKeys} granularity={w.granularity} onPick={setDrill} selected={drill} />}
        {drill && (
          <DrillDownPanel
            title={`${actorStyle(drill.seriesKey).label}, ${formatBucket(drill.ts, w.granularity)}`}
            filters={drillFilters(drill, w.granularity)}
            countedOnce={counting.copies === 'once'}
            expected={drill.n}
            onClose={() => setDrill(null)}
          />
        )}
        <AboutChart data={data} seriesKeys={seriesKeys} gaps={gaps} asked={{ unit, copies }} changePoints={changePoints} />
      </>
    );
  }
}
