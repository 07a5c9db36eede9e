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

/** Events close together on the axis, labelled by one badge ("6–10"). */
export interface EventCluster {
  events: NumberedEvent[];
  /** Where the badge sits: the middle of the cluster. */
  ms: number;
  label: string;
}

/**
 * Groups consecutive events that are closer than `minGapFraction` of the axis
 * span, so their badges do not overlap. Events must be sorted by date.
 */
export function clusterEvents(events: NumberedEvent[], span: number, minGapFraction = 0.03): EventCluster[] {
  const minGap = span * minGapFraction;
  const groups: NumberedEvent[][] = [];
  for (const event of events) {
    const current = groups.at(-1);
    const last = current?.at(-1);
    if (current && last && event.ms - last.ms < minGap) current.push(event);
    else groups.push([event]);
  }
  return groups.map((group) => {
    const first = group[0]!;
    const last = group.at(-1)!;
    return {
      events: group,
      ms: (first.ms + last.ms) / 2,
      label: group.length === 1 ? String(first.number) : `${first.number}–${last.number}`,
    };
  });
}
