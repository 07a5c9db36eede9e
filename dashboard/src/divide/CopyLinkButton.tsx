import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies the current URL (which holds the whole view) to the clipboard. */
export function CopyLinkButton() {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <>
      <button type="button" onClick={copy}>
        Copy link to this view
      </button>
      <span className="copy-status" role="status" aria-live="polite">
        {state === 'copied' && 'Link copied.'}
        {state === 'failed' && 'Could not copy: use the address bar.'}
      </span>
    </>
  );
}
