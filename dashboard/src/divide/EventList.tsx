import type { EventsResponse } from '../api/types';
import type { NumberedEvent } from '../chart/events';
import { formatDate } from '../chart/time';
import type { LoadState } from '../hooks/useApi';
import { EmptyMessage, ErrorMessage, LoadingMessage } from './StatusMessage';

interface EventListProps {
  state: LoadState<EventsResponse>;
  events: NumberedEvent[];
  domainX: [number, number] | null;
  onRetry: () => void;
}

/** The timeline's events; each number matches a marker on the charts. */
export function EventList({ state, events, domainX, onRetry }: EventListProps) {
  return (
    <section className="event-list" aria-labelledby="events-heading" data-testid="event-list">
      <h2 id="events-heading">Events marked on the charts</h2>
      {state.status === 'loading' && <LoadingMessage what="events" />}
      {state.status === 'error' && <ErrorMessage what="events" error={state.error} onRetry={onRetry} />}
      {state.status === 'ready' && events.length === 0 && <EmptyMessage>The topic pack lists no events.</EmptyMessage>}
      {state.status === 'ready' && events.length > 0 && (
        <>
          <p className="event-pack">
            From the topic pack “{state.data.pack.title}” (version {state.data.pack.version}).
          </p>
          <ol>
            {events.map((event) => {
              const shown = !domainX || (event.ms >= domainX[0] && event.ms <= domainX[1]);
              return (
                <li key={`${event.date}-${event.number}`} className={shown ? undefined : 'outside-window'}>
                  <span className="event-number" aria-hidden="true">
                    {event.number}
                  </span>
                  <time dateTime={event.date}>{formatDate(event.ms)}</time>
                  <span className="event-label">{event.label}</span>
                  {!shown && <span className="event-outside">(outside the window shown)</span>}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
