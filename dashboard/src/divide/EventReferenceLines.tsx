import { ReferenceLine } from 'recharts';
import { clusterEvents, type NumberedEvent } from '../chart/events';
import { EventMarkerLabel } from './EventMarkerLabel';

/**
 * A dashed vertical line for each of the timeline's events and, when
 * `withLabels`, a numbered badge above the plot that matches the event list
 * below the charts (events close together share one badge, e.g. "6–10").
 * Called as a function so the elements sit directly inside the Recharts chart.
 */
export function eventReferenceLines(events: NumberedEvent[], domain: [number, number] | null, withLabels: boolean) {
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
  if (!withLabels || events.length === 0) return lines;
  const span = domain ? domain[1] - domain[0] : events.at(-1)!.ms - events[0]!.ms || 1;
  const badges = clusterEvents(events, span).map((cluster) => (
    <ReferenceLine
      key={`badge-${cluster.label}`}
      x={cluster.ms}
      className="event-badge"
      stroke="none"
      ifOverflow="hidden"
      label={<EventMarkerLabel text={cluster.label} />}
    />
  ));
  return [...lines, ...badges];
}
