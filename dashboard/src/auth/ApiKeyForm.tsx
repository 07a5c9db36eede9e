import { useId, useState, type FormEvent } from 'react';
import { storeApiKey, useApiKey } from '../api/apiKey';
import { signInBrowser, signOutBrowser } from '../api/session';

/**
 * Where a user gives the key that writes need (alert rules, saved views, validation uploads).
 * Reading needs no key while the server allows public reads.
 */
export function ApiKeyForm({ purpose, role = 'analyst' }: { purpose: string; role?: 'viewer' | 'analyst' | 'admin' }) {
  const key = useApiKey();
  const [draft, setDraft] = useState('');
  const [signedIn, setSignedIn] = useState(false);
  const inputId = useId();

  const save = (event: FormEvent) => {
    event.preventDefault();
    const given = draft.trim();
    if (given) {
      storeApiKey(given);
      // The same key signs the browser in, for Zeeschuimer's uploads (which carry cookies only).
      void signInBrowser(given).then(setSignedIn);
    }
    setDraft('');
  };

  const forget = () => {
    storeApiKey(null);
    setSignedIn(false);
    void signOutBrowser();
  };

  if (key) {
    return (
      <div className="api-key api-key-set" role="status">
        <span>An API key is set for this tab ({key.slice(0, 10)}…).</span>
        {signedIn && <span data-testid="browser-signed-in"> This browser is signed in for Zeeschuimer uploads.</span>}
        <button type="button" onClick={forget}>
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
