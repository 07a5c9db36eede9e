import { getJson } from '../api/client';
import type { DivideEventsResponse, DivideEventWindow } from '../api/types';
import type { NumberedEvent } from '../chart/events';
import { formatCount } from '../chart/format';
import { isSmallSample } from '../chart/sampleSize';
import { formatDate } from '../chart/time';
import { useApi } from '../hooks/useApi';
import { COPIES_LABELS, CORRECTION_LABELS, UNIT_LABELS, type Copies, type Correction, type Unit } from '../state/divideMode';
import { EVENT_WINDOWS, type EventWindow } from '../state/viewState';
import { ErrorMessage, LoadingMessage } from './StatusMessage';

const DAY_MS = 86_400_000;
const points = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const pts = (v: number) => `${points.format(v * 100)} pts`;

interface DivideEventsCardProps {
  unit: Unit;
  correction: Correction;
  copies: Copies;
  /** The events marked on the charts (numbered as their badges): the list shows these. */
  events: NumberedEvent[];
  windowDays: EventWindow;
  onWindowDays: (days: EventWindow) => void;
  /** With synthetic posts hidden, the window's other sources, as the headline reads them. */
  sources?: string[];
}

function divideEventsUrl({ unit, correction, copies, windowDays, sources }: Pick<DivideEventsCardProps, 'unit' | 'correction' | 'copies' | 'windowDays' | 'sources'>): string {
  const params = new URLSearchParams({ window_days: String(windowDays), unit, copies, correction });
  if (sources) params.set('source', sources.join(',') || 'none');
  return `/api/divide/events?${params.toString()}`;
}

/**
 * "Before and after each event": for each event marked on the charts, the divide in the days
 * before its date and the days from it (`/api/divide/events`), counted as the headline is (unit,
 * copies, correction), each with its 95% interval and the n of both sides.
 */
export function DivideEventsCard(props: DivideEventsCardProps) {
  const { events, windowDays, onWindowDays } = props;
  const url = divideEventsUrl(props);
  const { state, retry } = useApi<DivideEventsResponse>(url, (signal) => getJson<DivideEventsResponse>(url, signal));
  const numbers = new Map(events.map((e) => [`${e.date}|${e.label}`, e.number]));

  return (
    <section className="chart-card divide-events" id="divide-events" data-testid="divide-events" data-state={state.status} aria-labelledby="divide-events-heading">
      <header className="chart-card-header">
        <h2 id="divide-events-heading">The divide before and after each event</h2>
      </header>
      <p className="chart-question">
        Did the gap between the public and the US government move when something happened? The oppose-share divide in the{' '}
        {windowDays} days before each event marked on the charts, and in the {windowDays} days from it.
      </p>
      <label className="divide-events-window">
        Days on each side{' '}
        <select value={windowDays} onChange={(e) => onWindowDays(Number(e.target.value) as EventWindow)}>
          {EVENT_WINDOWS.map((days) => (
            <option key={days} value={days}>
              {days}
            </option>
          ))}
        </select>
      </label>
      {state.status === 'loading' && <LoadingMessage what="the divide around each event" />}
      {state.status === 'error' && <ErrorMessage what="the divide around each event" error={state.error} onRetry={retry} />}
      {state.status === 'ready' && renderReady(state.data)}
    </section>
  );

  function renderReady(data: DivideEventsResponse) {
    const shown = data.events.filter((e) => numbers.has(`${e.date}|${e.label}`));
    return (
      <>
        {shown.length === 0 ? (
          <p className="divide-events-none">No event of the topic pack's timeline falls in the window shown.</p>
        ) : (
          <table className="divide-events-table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Before ({data.window_days} days)</th>
                <th scope="col">After ({data.window_days} days)</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((event) => (
                <tr key={`${event.date}-${event.label}`} data-testid="divide-event" data-date={event.date}>
                  <th scope="row">
                    <span className="event-number" aria-hidden="true">
                      {numbers.get(`${event.date}|${event.label}`)}
                    </span>{' '}
                    <time dateTime={event.date}>{formatDate(Date.parse(`${event.date}T00:00:00Z`))}</time>: {event.label}
                  </th>
                  <WindowCell window={event.before} side="before" askedCorrection={data.correction === 'confusion'} />
                  <WindowCell window={event.after} side="after" askedCorrection={data.correction === 'confusion'} />
                  <td data-testid="divide-event-change" data-label="Change">{event.oppose_share_diff_change === null ? '–' : pts(event.oppose_share_diff_change)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="about-chart" data-testid="divide-events-about">
          <h3>About this list</h3>
          <p>
            For each event of the topic pack's timeline in the window shown ({formatCount(shown.length)} of {formatCount(data.events.length)}), the
            divide, the public's share of on-topic posts opposing the ban minus the US government's, over the {data.window_days} days before the
            event's date ([date − {data.window_days} days, date), UTC) and the {data.window_days} days from it ([date, date + {data.window_days}{' '}
            days)), each with its 95% interval, whatever the dates of the page. Counted {UNIT_LABELS[data.unit]},{' '}
            {COPIES_LABELS[data.copies]}, {data.correction === 'confusion' ? CORRECTION_LABELS.confusion : CORRECTION_LABELS.none}, as the headline.
            The change is after minus before; the two windows hold different posts, so read it with both intervals: a change inside them is not a
            finding. n counts each side's posts and authors; “few authors” marks a side with fewer than 30.
          </p>
        </div>
      </>
    );
  }
}

/** One window's divide: value, interval and the n of both sides. */
function WindowCell({ window: w, side, askedCorrection }: { window: DivideEventWindow; side: 'before' | 'after'; askedCorrection: boolean }) {
  const last = Date.parse(w.to) - DAY_MS;
  const few = isSmallSample(w.n_authors.public) || isSmallSample(w.n_authors.us_government);
  // Asked for but not applied (no confusion matrix for the posts' model): said in the cell.
  const uncorrected = askedCorrection && w.oppose_share_diff && !w.correction;
  return (
    <td data-testid={`divide-event-${side}`} data-label={side === 'before' ? 'Before' : 'After'}>
      <span className="divide-event-dates">
        {formatDate(Date.parse(w.from))} to {formatDate(last)}
      </span>
      <br />
      {w.oppose_share_diff ? (
        <>
          <strong>{pts(w.oppose_share_diff.value)}</strong>{' '}
          <span className="divide-event-ci">
            (95% interval {pts(w.oppose_share_diff.ci95[0])} to {pts(w.oppose_share_diff.ci95[1])})
          </span>
        </>
      ) : (
        <span>no divide: a side has no posts</span>
      )}
      <br />
      <span className="divide-event-n">
        n = {formatCount(w.n_posts.public)} public posts from {formatCount(w.n_authors.public)} authors, {formatCount(w.n_posts.us_government)} US
        government posts from {formatCount(w.n_authors.us_government)}
        {few && <span className="divide-event-few"> (few authors)</span>}
        {uncorrected && <span> (not corrected)</span>}
      </span>
    </td>
  );
}
