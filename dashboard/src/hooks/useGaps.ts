import { getJson } from '../api/client';
import type { GapsResponse } from '../api/types';
import { gapsUrl, type GapsQuery } from '../chart/gaps';
import { useApi, type LoadState } from './useApi';

export interface GapsLoad {
  state: LoadState<GapsResponse>;
  retry: () => void;
}

/** The gaps in collection for a chart's window and sources; waits while `query` is null. */
export function useGaps(query: GapsQuery | null): GapsLoad {
  const url = query ? gapsUrl(query) : null;
  return useApi<GapsResponse>(url, (signal) => getJson<GapsResponse>(url!, signal));
}
