import { useCallback, useEffect, useState } from 'react';
import { parseExplorerState, serializeExplorerState, type ExplorerState } from '../state/explorerState';

/** The Explorer's view, read from and written to the URL; back and forward restore earlier views. */
export function useExplorerUrlState(): [ExplorerState, (next: ExplorerState) => void] {
  const [state, setState] = useState<ExplorerState>(() => parseExplorerState(window.location.search));

  useEffect(() => {
    const onPopState = () => setState(parseExplorerState(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const update = useCallback((next: ExplorerState) => {
    const url = `${window.location.pathname}${serializeExplorerState(next)}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
    setState(next);
  }, []);

  return [state, update];
}
