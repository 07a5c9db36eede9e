import { ReferenceLine } from 'recharts';
import type { NumberedEvent } from '../chart/events';
import { EventMarkerLabel } from './EventMarkerLabel';

/**
 * Vertical lines for the timeline's events, each with a numbered badge that
 * matches the event list below the charts. Must be called as a function inside
 * a Recharts chart (Recharts looks at its direct children).
 */
export function eventReferenceLines(events: NumberedEvent[], withLabels: boolean) {
  return events.map((event, index) => (
    <ReferenceLine
      key={`${event.date}-${event.number}`}
      x={event.ms}
      className="event-marker"
      stroke="#6b7280"
      strokeDasharray="3 3"
      ifOverflow="hidden"
      label={withLabels ? <EventMarkerLabel number={event.number} tier={index % 3} /> : undefined}
    />
  ));
}
