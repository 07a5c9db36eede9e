import type { TimelineEvent } from '../api/types';
import { dateOnlyToMs } from './time';

/** A timeline event with the number that labels its marker on the charts. */
export interface NumberedEvent extends TimelineEvent {
  number: number;
  ms: number;
}

/** Sorts events by date and numbers them 1..n (the markers show the number). */
export function numberEvents(events: TimelineEvent[]): NumberedEvent[] {
  return events
    .map((event) => ({ ...event, ms: dateOnlyToMs(event.date) }))
    .filter((event) => Number.isFinite(event.ms))
    .sort((a, b) => a.ms - b.ms)
    .map((event, index) => ({ ...event, number: index + 1 }));
}

export function eventsInRange(events: NumberedEvent[], start: number, end: number): NumberedEvent[] {
  return events.filter((event) => event.ms >= start && event.ms <= end);
}

/** The events a chart with this time domain marks (none while the domain is unknown). */
export function markedEvents(events: NumberedEvent[], domain: [number, number] | null): NumberedEvent[] {
  return domain ? eventsInRange(events, ...domain) : [];
}
