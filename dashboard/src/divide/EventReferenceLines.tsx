import { ReferenceLine } from 'recharts';
import type { NumberedEvent } from '../chart/events';
import { EventBadges } from './EventBadges';

/**
 * A dashed vertical line for each of the timeline's events and, when `withLabels`, numbered
 * badges above the plot that match the event list below the charts (EventBadges keeps them
 * apart). Called as a function so the elements sit directly inside the Recharts chart.
 */
export function eventReferenceLines(events: NumberedEvent[], withLabels: boolean) {
  const lines = events.map((event) => (
    <ReferenceLine
      key={`line-${event.number}`}
      x={event.ms}
      className="event-marker"
      stroke="#6b7280"
      strokeDasharray="3 3"
      ifOverflow="hidden"
    />
  ));
  return withLabels ? [...lines, <EventBadges key="event-badges" events={events} />] : lines;
}
