import { useId, useState, type FormEvent } from 'react';
import { storeApiKey, useApiKey } from '../api/apiKey';

/**
 * Where a user gives the key that writes need (alert rules, saved views, validation uploads).
 * Reading needs no key while the server allows public reads.
 */
export function ApiKeyForm({ purpose, role = 'analyst' }: { purpose: string; role?: 'viewer' | 'analyst' | 'admin' }) {
  const key = useApiKey();
  const [draft, setDraft] = useState('');
  const inputId = useId();

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) storeApiKey(draft.trim());
    setDraft('');
  };

  if (key) {
    return (
      <div className="api-key api-key-set" role="status">
        <span>An API key is set for this tab ({key.slice(0, 10)}…).</span>
        <button type="button" onClick={() => storeApiKey(null)}>
          Forget key
        </button>
      </div>
    );
  }
  return (
    <form className="api-key" onSubmit={save} aria-label="API key">
      <label htmlFor={inputId}>API key</label>
      <input id={inputId} name="api-key" type="password" autoComplete="off" value={draft} onChange={(e) => setDraft(e.target.value)} />
      <button type="submit">Use key</button>
      <p className="field-help">{purpose} needs a key with the {role} role or higher (rift keys create --role {role} --name NAME). It is kept for this tab only.</p>
    </form>
  );
}
