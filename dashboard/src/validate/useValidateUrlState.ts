import { useCallback, useEffect, useState } from 'react';
import { parseValidateState, serializeValidateState, type ValidateState } from './validateState';

/** The page's state, read from and written to the URL; back and forward restore earlier states. */
export function useValidateUrlState(): [ValidateState, (next: ValidateState, options?: { replace?: boolean }) => void] {
  const [state, setState] = useState<ValidateState>(() => parseValidateState(window.location.search));

  useEffect(() => {
    const onPopState = () => setState(parseValidateState(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const update = useCallback((next: ValidateState, options?: { replace?: boolean }) => {
    const url = `${window.location.pathname}${serializeValidateState(next)}`;
    if (url !== `${window.location.pathname}${window.location.search}`) {
      if (options?.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
    }
    setState(next);
  }, []);

  return [state, update];
}
