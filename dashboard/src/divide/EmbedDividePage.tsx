import { fetchSummary } from '../api/client';
import type { Metric, SummaryResponse } from '../api/types';
import { useApi } from '../hooks/useApi';
import { useGaps } from '../hooks/useGaps';
import { useTimelineEvents } from '../hooks/useTimelineEvents';
import { markedEvents } from '../chart/events';
import { defaultForTimeline, storedRange } from '../state/defaultWindow';
import { parseViewState, serializeViewState } from '../state/viewState';
import { toChartWindow, volumeTitle } from './DividePage';
import { EventList } from './EventList';
import { ErrorMessage, LoadingMessage } from './StatusMessage';
import { TrendChartCard } from './TrendChartCard';
import { chartCounting, countingLabel } from '../state/divideMode';

const CHARTS: Record<string, { title: string; question: string }> = {
  stance_oppose_share: { title: 'Stance: share opposing the ban', question: "What share of each actor class's posts oppose the ban?" },
  stance_support_share: { title: 'Stance: share supporting the ban', question: "What share of each actor class's posts support the ban?" },
  sentiment_mean: { title: 'Sentiment: mean score', question: "How negative (−1) or positive (+1) is each actor class's tone, on average?" },
  volume: { title: 'Volume: posts per actor class', question: 'How many posts each actor class published.' },
  volume_share_of_source: {
    title: "Volume: share of the source's posts, per actor class",
    question: "What share of all posts from the sources each actor class published.",
  },
};

/**
 * `/embed/divide?metric=...&granularity=...&from=...&to=...`: one chart of "The divide", read-only,
 * with the timeline's events in its window (lines, numbered badges and their list), its
 * "about this chart" note and a link back to the full view. Nothing on it changes the data.
 */
export function EmbedDividePage() {
  const params = new URLSearchParams(window.location.search);
  const metric = (params.get('metric') ?? 'stance_oppose_share') as Metric;
  const chart = CHARTS[metric] ?? CHARTS.stance_oppose_share!;
  const parsed = parseViewState(window.location.search);
  // An embed counts as its link says; one without unit or copies (older links) per post, every copy, as it was made.
  const view = { ...parsed, unit: params.get('unit') === 'author' ? 'author' : 'post', copies: params.get('copies') === 'once' ? 'once' : 'all' } as const;
  const counting = chartCounting(CHARTS[metric] ? metric : 'stance_oppose_share', view.unit, view.copies);
  // Always read: the data's range. The chart labels its synthetic share from its own data.
  const summary = useApi<SummaryResponse>('summary', fetchSummary);
  const summaryData = summary.state.status === 'ready' ? summary.state.data : null;
  const timeline = useTimelineEvents();
  // Without dates, the same default window as the full page: the pack's period or recent months.
  const fallback = defaultForTimeline(timeline.state, storedRange(summaryData));
  const from = view.from ?? fallback?.from ?? null;
  const to = view.to ?? fallback?.to ?? null;
  // A share-of-source embed opens the full view with its volume chart in the same mode.
  const volume = metric === 'volume_share_of_source' ? 'source_share' : view.volume;
  const fullView = `/${serializeViewState({ ...view, from, to, volume })}`;
  const chartWindow = from && to ? toChartWindow(view.granularity, from, to) : null;
  const marked = markedEvents(timeline.events, chartWindow?.domainX ?? null);
  // An embedded chart shades its gaps in collection too: silence must not read as calm elsewhere either.
  const gaps = useGaps(chartWindow ? { from: chartWindow.apiFrom, to: chartWindow.apiTo, granularity: chartWindow.granularity } : null);

  return (
    <main id="main" className="embed-page" data-testid="embed">
      {chartWindow ? (
        <TrendChartCard
          id="embed-chart"
          title={metric === 'volume' ? volumeTitle(counting) : `${chart.title}, ${countingLabel(counting)}`}
          question={chart.question}
          metric={CHARTS[metric] ? metric : 'stance_oppose_share'}
          window={chartWindow}
          events={marked}
          synthetic={view.synthetic}
          gaps={gaps}
          unit={counting.unit}
          copies={counting.copies}
          readOnly
        />
      ) : summary.state.status === 'error' ? (
        <ErrorMessage what="the data's date range" error={summary.state.error} onRetry={summary.retry} />
      ) : (
        <LoadingMessage what="the chart" />
      )}
      {/* A window with no events gets no list: "the pack lists none" would not be true. */}
      {chartWindow && (timeline.state.status !== 'ready' || marked.length > 0) && (
        <EventList state={timeline.state} events={marked} domainX={chartWindow.domainX} onRetry={timeline.retry} />
      )}
      <p className="embed-footer">
        From Rift, public vs government, measured.{' '}
        <a href={fullView} target="_blank" rel="noreferrer">
          Open the full, interactive view
        </a>
        .
      </p>
    </main>
  );
}
