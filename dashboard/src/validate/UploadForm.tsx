import { useRef, useState, type FormEvent } from 'react';
import { sendText } from '../api/write';
import type { ValidationRun } from './types';

type UploadState = { status: 'idle' } | { status: 'sending' } | { status: 'error'; message: string };

/**
 * Sends a coded sheet (the downloaded sample with code_* columns filled in) to
 * POST /api/validations. A sheet the API refuses is explained with the API's own message,
 * which names the lines at fault.
 */
export function UploadForm({ onStored }: { onStored: (run: ValidationRun) => void }) {
  const [state, setState] = useState<UploadState>({ status: 'idle' });
  const [name, setName] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setState({ status: 'error', message: 'Choose the coded sheet (a CSV file) first.' });
      return;
    }
    setState({ status: 'sending' });
    try {
      const text = await file.text();
      const runName = name.trim() || file.name;
      const run = await sendText<ValidationRun>(`/api/validations?${new URLSearchParams({ name: runName.slice(0, 200) })}`, text);
      setState({ status: 'idle' });
      setName('');
      if (fileInput.current) fileInput.current.value = '';
      onStored(run);
    } catch (error) {
      setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <form className="upload-form" onSubmit={submit} aria-label="Upload a coded sheet">
      <div className="control">
        <label htmlFor="coded-file">Coded sheet (CSV)</label>
        <input id="coded-file" ref={fileInput} type="file" accept=".csv,text/csv,text/plain" aria-describedby="coded-file-note" />
        <span id="coded-file-note" className="control-note">
          The downloaded sheet with code_stance, code_sentiment and/or code_actor filled in; a blank code is skipped.
        </span>
      </div>
      <div className="control">
        <label htmlFor="run-name">Name of the run (optional)</label>
        <input id="run-name" type="text" maxLength={200} placeholder="the file name" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="control-buttons">
        <button type="submit" disabled={state.status === 'sending'}>
          {state.status === 'sending' ? 'Comparing…' : 'Upload and compare'}
        </button>
      </div>
      {state.status === 'error' && (
        <div className="status status-error upload-error" role="alert">
          <p>
            <strong>The sheet was not stored.</strong> {state.message}
          </p>
        </div>
      )}
    </form>
  );
}
