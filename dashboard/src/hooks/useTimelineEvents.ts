import { fetchEvents } from '../api/client';
import type { EventsResponse } from '../api/types';
import { eventsInRange, numberEvents, type NumberedEvent } from '../chart/events';
import { useApi, type LoadState } from './useApi';

/**
 * The topic pack's timeline, numbered over the whole timeline (so a badge means the same event
 * on every page), and the events inside a chart's time domain.
 */
export function useTimelineEvents(domainX: [number, number] | null): {
  state: LoadState<EventsResponse>;
  retry: () => void;
  events: NumberedEvent[];
  marked: NumberedEvent[];
} {
  const { state, retry } = useApi<EventsResponse>('events', fetchEvents);
  const events = state.status === 'ready' ? numberEvents(state.data.events) : [];
  const marked = domainX ? eventsInRange(events, ...domainX) : [];
  return { state, retry, events, marked };
}
