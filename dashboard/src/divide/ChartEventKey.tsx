import type { NumberedEvent } from '../chart/events';
import { formatDate } from '../chart/time';

/**
 * The events marked on one chart, by number, right under it: shown on narrow screens (styles.css),
 * where the badges are small and the page's own list is several charts away.
 */
export function ChartEventKey({ events }: { events: NumberedEvent[] }) {
  if (events.length === 0) return null;
  return (
    <ol className="chart-event-key" aria-label="Events marked on this chart">
      {events.map((event) => (
        <li key={event.number}>
          <span className="event-number">{event.number}</span>
          <span>
            <time dateTime={event.date}>{formatDate(event.ms)}</time>: {event.label}
          </span>
        </li>
      ))}
    </ol>
  );
}
