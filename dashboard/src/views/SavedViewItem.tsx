import { useEffect, useRef, useState } from 'react';
import { formatDate } from '../chart/time';
import { alertFromViewUrl, deleteSavedView, type SavedView } from './savedViews';
import { PAGE_LABELS, summarizeView } from './viewSummary';

type DeleteState = { status: 'idle' } | { status: 'confirming' } | { status: 'deleting' } | { status: 'error'; message: string };

/** One saved view: what it shows, and links to reopen it or to start an alert rule from it. Deleting asks first. */
export function SavedViewItem({ view, onDeleted }: { view: SavedView; onDeleted: () => void }) {
  const [state, setState] = useState<DeleteState>({ status: 'idle' });
  const confirmButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const headingId = `view-${view.id}`;

  // Asking moves the focus to the answer, so the keyboard user is where the choice is.
  useEffect(() => {
    if (state.status === 'confirming') confirmButton.current?.focus();
  }, [state.status]);

  function cancel() {
    setState({ status: 'idle' });
    setTimeout(() => deleteButton.current?.focus(), 0);
  }

  async function remove() {
    setState({ status: 'deleting' });
    try {
      await deleteSavedView(view.id);
      onDeleted();
    } catch (error) {
      setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  const asking = state.status === 'confirming' || state.status === 'deleting';
  return (
    <li className="saved-view" data-view-id={view.id} aria-labelledby={headingId}>
      <h2 id={headingId} className="saved-view-name">
        {view.name}
      </h2>
      <p className="saved-view-meta">
        <span className="saved-view-page">{PAGE_LABELS[view.page]}</span> · saved{' '}
        <time dateTime={view.created_at}>{formatDate(Date.parse(view.created_at))}</time>
      </p>
      <ul className="saved-view-summary" aria-label="Filters">
        {summarizeView(view).map((part) => (
          <li key={part}>{part}</li>
        ))}
      </ul>
      <div className="saved-view-actions">
        <a href={view.url} className="saved-view-open">
          Open<span className="visually-hidden"> {view.name}</span>
        </a>
        <a href={alertFromViewUrl(view.id)}>
          Create alert rule<span className="visually-hidden"> from {view.name}</span>
        </a>
        {!asking && (
          <button type="button" ref={deleteButton} onClick={() => setState({ status: 'confirming' })}>
            Delete<span className="visually-hidden"> {view.name}</span>
          </button>
        )}
      </div>
      {asking && (
        <div className="saved-view-confirm" role="group" aria-label={`Delete ${view.name}?`}>
          <span>Delete “{view.name}”? This cannot be undone.</span>
          <button type="button" ref={confirmButton} onClick={remove} disabled={state.status === 'deleting'}>
            {state.status === 'deleting' ? 'Deleting…' : 'Yes, delete'}
          </button>
          <button type="button" onClick={cancel} disabled={state.status === 'deleting'}>
            Keep it
          </button>
        </div>
      )}
      {state.status === 'error' && (
        <p className="saved-view-error" role="alert">
          Could not delete “{view.name}”. {state.message}
        </p>
      )}
    </li>
  );
}
