import { useRef, useState } from 'react';
import { ApiKeyForm } from '../auth/ApiKeyForm';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../divide/StatusMessage';
import { useApi } from '../hooks/useApi';
import { fetchSavedViews, type SavedView } from './savedViews';
import { SavedViewItem } from './SavedViewItem';

/** "Saved views": every named view, newest first, to reopen, to start an alert rule from, or to delete. */
export function SavedViewsPage() {
  const { state, retry } = useApi<{ views: SavedView[] }>('views', fetchSavedViews);
  const [deleted, setDeleted] = useState<SavedView[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);

  function onDeleted(view: SavedView) {
    setDeleted((list) => [...list, view]);
    // The item (and its buttons) is gone: the focus goes back to the top of the list.
    heading.current?.focus();
  }

  const lastDeleted = deleted.at(-1);
  return (
    <main id="main" className="views-page">
      <header className="page-header">
        <h1 ref={heading} tabIndex={-1}>
          Saved views
        </h1>
        <p className="page-lede">
          Views saved from The divide and the Explorer with “Save view”: each reopens the page with the same filters and chart.
        </p>
      </header>
      <ApiKeyForm purpose="Deleting a saved view" />
      <p className="views-status" role="status" aria-live="polite">
        {lastDeleted && `Deleted “${lastDeleted.name}”.`}
      </p>
      <section className="views-list" data-testid="saved-views" data-state={state.status} aria-label="Saved views">
        {state.status === 'loading' && <LoadingMessage what="the saved views" />}
        {state.status === 'error' && <ErrorMessage what="the saved views" error={state.error} onRetry={retry} />}
        {state.status === 'ready' && renderList(state.data.views.filter((v) => !deleted.some((d) => d.id === v.id)))}
      </section>
    </main>
  );

  function renderList(views: SavedView[]) {
    if (views.length === 0) {
      return (
        <EmptyMessage>
          No views are saved yet. Set the filters on <a href="/">The divide</a> or the <a href="/explore">Explorer</a> and
          press “Save view”.
        </EmptyMessage>
      );
    }
    return (
      <ul className="saved-views">
        {views.map((view) => (
          <SavedViewItem key={view.id} view={view} onDeleted={() => onDeleted(view)} />
        ))}
      </ul>
    );
  }
}
