import { useCallback, useEffect, useState } from 'react';
import { parseViewState, serializeViewState, type ViewState } from '../state/viewState';

/**
 * The view state, read from and written to the URL query string.
 * Back and forward buttons restore earlier views.
 */
export function useUrlViewState(): [ViewState, (next: ViewState, options?: { replace?: boolean }) => void] {
  const [state, setState] = useState<ViewState>(() => parseViewState(window.location.search));

  useEffect(() => {
    const onPopState = () => setState(parseViewState(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const update = useCallback((next: ViewState, options?: { replace?: boolean }) => {
    const url = `${window.location.pathname}${serializeViewState(next)}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      if (options?.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
    }
    setState(next);
  }, []);

  return [state, update];
}
