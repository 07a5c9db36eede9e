import { fetchEvents } from '../api/client';
import type { EventsResponse } from '../api/types';
import { numberEvents, type NumberedEvent } from '../chart/events';
import { useApi, type LoadState } from './useApi';

/**
 * The topic pack's timeline (and its period), numbered over the whole timeline so a badge means
 * the same event on every page; `markedEvents` picks those inside a chart's time domain.
 */
export function useTimelineEvents(): {
  state: LoadState<EventsResponse>;
  retry: () => void;
  events: NumberedEvent[];
} {
  const { state, retry } = useApi<EventsResponse>('events', fetchEvents);
  const events = state.status === 'ready' ? numberEvents(state.data.events) : [];
  return { state, retry, events };
}
