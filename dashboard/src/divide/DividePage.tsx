import { useEffect } from 'react';
import { fetchSummary } from '../api/client';
import type { Metric, SummaryResponse } from '../api/types';
import { useApi } from '../hooks/useApi';
import { useUrlState } from '../hooks/useUrlState';
import { useGaps } from '../hooks/useGaps';
import { useTimelineEvents } from '../hooks/useTimelineEvents';
import { markedEvents } from '../chart/events';
import { defaultForTimeline, storedRange, windowKind } from '../state/defaultWindow';
import { WindowNote } from './WindowNote';
import { parseViewState, rangeEndInstant, rangeStartInstant, serializeViewState } from '../state/viewState';
import { DataSummary } from './DataSummary';
import { DivideHeadline } from './DivideHeadline';
import { EventList } from './EventList';
import { ExportPanel } from './ExportPanel';
import { EmptyMessage, ErrorMessage, LoadingMessage } from './StatusMessage';
import { SyntheticBanner } from './SyntheticBanner';
import { SyntheticSwitch } from './SyntheticSwitch';
import { useWindowComposition } from '../hooks/useWindowComposition';
import { TrendChartCard, type ChartWindow } from './TrendChartCard';
import { PlatformsCard } from './PlatformsCard';
import { DivideEventsCard } from './DivideEventsCard';
import { ViewControls } from './ViewControls';
import { SaveViewControl } from '../views/SaveViewControl';
import { VolumeModeSwitch } from './VolumeModeSwitch';
import { DivideModeSwitch } from './DivideModeSwitch';
import { chartCounting, COPIES_LABELS, countingLabel, type Counting } from '../state/divideMode';
import { volumeMetric } from '../state/volumeMode';

/** "The divide": public vs US government on the ban, over time, with the events marked. */
export function DividePage() {
  const [view, setView] = useUrlState(parseViewState, serializeViewState);
  const summary = useApi<SummaryResponse>('summary', fetchSummary);

  const summaryData = summary.state.status === 'ready' ? summary.state.data : null;
  const data = storedRange(summaryData);
  const timeline = useTimelineEvents();
  const fallback = defaultForTimeline(timeline.state, data);

  // A view without dates gets the default window, written to the URL so the link is exact.
  const [fallbackFrom, fallbackTo] = [fallback?.from ?? null, fallback?.to ?? null];
  useEffect(() => {
    if (!fallbackFrom || !fallbackTo || (view.from && view.to)) return;
    setView({ ...view, from: view.from ?? fallbackFrom, to: view.to ?? fallbackTo }, { replace: true });
  }, [fallbackFrom, fallbackTo, view, setView]);

  const from = view.from ?? fallback?.from ?? null;
  const to = view.to ?? fallback?.to ?? null;
  const chartWindow = from && to ? toChartWindow(view.granularity, from, to) : null;
  const marked = markedEvents(timeline.events, chartWindow?.domainX ?? null);
  const composition = useWindowComposition(chartWindow, view.synthetic);
  // The divide is over every source, so every source's gaps are shown.
  const gaps = useGaps(chartWindow ? { from: chartWindow.apiFrom, to: chartWindow.apiTo, granularity: chartWindow.granularity } : null);

  return (
    <main id="main" className="divide-page">
      <header className="page-header">
        <h1>The divide</h1>
        <p className="page-lede">
          How far apart the US public and the US government stand on the TikTok ban, and how the gap moves as
          events unfold.
        </p>
        {summaryData && <DataSummary summary={summaryData} window={composition} />}
      </header>
      {composition && <SyntheticBanner composition={composition} />}
      <ViewControls view={view} dataFrom={earlier(data?.from ?? null, from)} dataTo={later(data?.to ?? null, to)} onChange={(next) => setView(next)} />
      {from && to && (
        <WindowNote
          kind={windowKind({ from, to }, fallback, data)}
          shown={{ from, to }}
          fallback={fallback}
          data={data}
          onPick={(range) => setView({ ...view, ...range })}
        />
      )}
      <DivideModeSwitch unit={view.unit} correction={view.correction} copies={view.copies} onChange={(mode) => setView({ ...view, ...mode })} />
      <SyntheticSwitch mode={view.synthetic} onChange={(synthetic) => setView({ ...view, synthetic })} />
      <SaveViewControl page="divide" />
      {chartWindow?.domainX && composition && (
        <DivideHeadline
          from={chartWindow.apiFrom}
          to={chartWindow.apiTo}
          unit={view.unit}
          correction={view.correction}
          copies={view.copies}
          composition={composition}
          hideSynthetic={view.synthetic === 'exclude'}
        />
      )}
      <ExportPanel from={chartWindow?.apiFrom ?? null} to={chartWindow?.apiTo ?? null} />
      {renderCharts()}
      <EventList state={timeline.state} events={timeline.events} domainX={chartWindow?.domainX ?? null} onRetry={timeline.retry} />
    </main>
  );

  function renderCharts() {
    if (!chartWindow) {
      if (summary.state.status === 'loading' || timeline.state.status === 'loading') return <LoadingMessage what="the data's date range" />;
      if (summary.state.status === 'error') {
        return <ErrorMessage what="the data summary" error={summary.state.error} onRetry={summary.retry} />;
      }
      return (
        <EmptyMessage>
          No posts are stored yet, so there is nothing to chart. Run <code>npx rift start</code> to load the demo
          corpus or a real source.
        </EmptyMessage>
      );
    }
    const common = { window: chartWindow, events: marked, synthetic: view.synthetic, gaps, unit: view.unit, copies: view.copies };
    // Each chart's title says how it counts (the share of a source's posts counts every post).
    const counted = (metric: Metric) => countingLabel(chartCounting(metric, view.unit, view.copies));
    const volume = volumeMetric(view.volume);
    return (
      <div className="chart-stack">
        <TrendChartCard
          id="chart-stance"
          title={`Stance: share opposing the ban, ${counted('stance_oppose_share')}`}
          question="What share of each actor class's on-topic posts (or authors) oppose the ban? Public and US government are the two sides of the divide. The lines use the classifier's raw labels; the headline above says whether it is corrected."
          metric="stance_oppose_share"
          {...common}
        />
        {composition && (
          <DivideEventsCard
            unit={view.unit}
            correction={view.correction}
            copies={view.copies}
            events={marked}
            windowDays={view.eventWindow}
            onWindowDays={(eventWindow) => setView({ ...view, eventWindow })}
            sources={view.synthetic === 'exclude' ? composition.sources : undefined}
          />
        )}
        <TrendChartCard
          id="chart-sentiment"
          title={`Sentiment: mean score, ${counted('sentiment_mean')}`}
          question="How negative (−1) or positive (+1) is the tone of each actor class's posts, on average?"
          metric="sentiment_mean"
          {...common}
        />
        <TrendChartCard
          id="chart-volume"
          title={volumeTitle(chartCounting(volume, view.unit, view.copies))}
          question="How many posts each actor class published, as counts or as a share of all posts from the sources: the weight behind the lines above."
          metric={volume}
          controls={
            <VolumeModeSwitch name="divide-volume-mode" mode={view.volume} onChange={(volume) => setView({ ...view, volume })} />
          }
          {...common}
        />
        <PlatformsCard window={chartWindow} events={marked} copies={view.copies} />
      </div>
    );
  }
}

/** "Volume: authors per actor class, copies once": a count of authors needs no "per author". */
export const volumeTitle = (c: Counting) => `Volume: ${c.unit === 'author' ? 'authors' : 'posts'} per actor class, ${COPIES_LABELS[c.copies]}`;

/** The date inputs' bounds: the data's range, widened to the window shown (a pack period may reach beyond it). */
const earlier = (a: string | null, b: string | null) => (a && b ? (a < b ? a : b) : a ?? b);
const later = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : a ?? b);

export function toChartWindow(granularity: ChartWindow['granularity'], from: string, to: string): ChartWindow {
  const apiFrom = rangeStartInstant(from);
  const apiTo = rangeEndInstant(to);
  const start = Date.parse(apiFrom);
  const end = Date.parse(apiTo);
  const usable = Number.isFinite(start) && Number.isFinite(end) && start < end;
  return { granularity, apiFrom, apiTo, domainX: usable ? [start, end] : null };
}
