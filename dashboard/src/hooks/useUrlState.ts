import { useCallback, useEffect, useState } from 'react';

/**
 * A page's state kept in the URL query string, so a link reopens the same view; back and forward
 * restore earlier states. `parse` and `serialize` must be module-level functions (stable).
 */
export function useUrlState<S>(
  parse: (search: string) => S,
  serialize: (state: S) => string,
): [S, (next: S, options?: { replace?: boolean }) => void] {
  const [state, setState] = useState<S>(() => parse(window.location.search));

  useEffect(() => {
    const onPopState = () => setState(parse(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [parse]);

  const update = useCallback(
    (next: S, options?: { replace?: boolean }) => {
      const url = `${window.location.pathname}${serialize(next)}${window.location.hash}`;
      if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
        if (options?.replace) window.history.replaceState(null, '', url);
        else window.history.pushState(null, '', url);
      }
      setState(next);
    },
    [serialize],
  );

  return [state, update];
}
