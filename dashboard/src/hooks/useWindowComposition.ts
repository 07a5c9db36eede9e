import { fetchTrends, trendsUrl } from '../api/client';
import type { SliceComposition, SyntheticMode, TrendsQuery } from '../api/types';
import { useApi } from './useApi';

/**
 * The posts of a window, over every actor and source: how many, how many synthetic, which
 * sources. What the page's banner, header and headline say, so that they describe the window on
 * screen and not the whole store. Null until it is known.
 */
export function useWindowComposition(window: { apiFrom: string; apiTo: string } | null, synthetic: SyntheticMode): SliceComposition | null {
  const query: TrendsQuery | null = window
    ? { metric: 'volume', groupBy: 'none', granularity: 'week', from: window.apiFrom, to: window.apiTo, synthetic }
    : null;
  const { state } = useApi(query && trendsUrl(query), (signal) => fetchTrends(query!, signal));
  return state.status === 'ready' ? state.data.composition : null;
}
