import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useApiKey } from '../api/apiKey';
import { ApiKeyForm } from '../auth/ApiKeyForm';
import { NAME_MAX_LENGTH, saveCurrentView, type SavedView, type SavedViewPage } from './savedViews';

type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved'; view: SavedView } | { status: 'error'; message: string };

/**
 * "Save view": names the page's current URL (every filter is in it) and stores it with
 * /api/views. Saving needs a key of any role, so the key form is shown when none is set.
 */
export function SaveViewControl({ page }: { page: SavedViewPage }) {
  const key = useApiKey();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  const inputId = useId();
  const opener = useRef<HTMLButtonElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  // Opening the form (or setting a key while it is open) puts the cursor in the name field.
  useEffect(() => {
    if (open && key) nameInput.current?.focus();
  }, [open, key]);

  function openForm() {
    setOpen(true);
    setState({ status: 'idle' });
  }

  function close() {
    setOpen(false);
    setName('');
    // Focus returns to the button that opened the form, once it is back on the page.
    setTimeout(() => opener.current?.focus(), 0);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    setState({ status: 'saving' });
    try {
      const view = await saveCurrentView(name.trim(), page);
      setState({ status: 'saved', view });
      close();
    } catch (error) {
      setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <section className="save-view" aria-label="Save this view">
      {!open && (
        <button type="button" ref={opener} onClick={openForm}>
          Save view
        </button>
      )}
      {open && !key && (
        <div className="save-view-key">
          <ApiKeyForm purpose="Saving a view" role="viewer" />
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      )}
      {open && key && (
        <form className="save-view-form" onSubmit={save} aria-label="Save view">
          <label htmlFor={inputId}>Name of the view</label>
          <input
            id={inputId}
            ref={nameInput}
            name="view-name"
            type="text"
            required
            maxLength={NAME_MAX_LENGTH}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && close()}
          />
          <button type="submit" disabled={state.status === 'saving' || !name.trim()}>
            {state.status === 'saving' ? 'Saving…' : 'Save'}
          </button>
          <button type="button" onClick={close}>
            Cancel
          </button>
        </form>
      )}
      <p className="save-view-status" role="status" aria-live="polite">
        {state.status === 'saved' && (
          <>
            Saved “{state.view.name}”. <a href="/views">See all saved views</a>
          </>
        )}
      </p>
      {state.status === 'error' && (
        <p className="save-view-error" role="alert">
          Could not save the view. {state.message}
        </p>
      )}
    </section>
  );
}
