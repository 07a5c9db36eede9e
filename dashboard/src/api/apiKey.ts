import { useEffect, useState } from 'react';

// Kept for the tab only (sessionStorage): a key left in a shared newsroom browser should not
// outlive the session that typed it.
const STORAGE_KEY = 'rift.apiKey';
const CHANGED = 'rift-api-key-changed';

export function readApiKey(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeApiKey(key: string | null): void {
  if (key) window.sessionStorage.setItem(STORAGE_KEY, key);
  else window.sessionStorage.removeItem(STORAGE_KEY);
  window.dispatchEvent(new Event(CHANGED));
}

/** Headers that carry the stored key, if any; reads work without one while the server allows public reads. */
export function authHeaders(): Record<string, string> {
  const key = readApiKey();
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** The stored key, kept current when any component changes it. */
export function useApiKey(): string | null {
  const [key, setKey] = useState(readApiKey);
  useEffect(() => {
    const update = () => setKey(readApiKey());
    window.addEventListener(CHANGED, update);
    return () => window.removeEventListener(CHANGED, update);
  }, []);
  return key;
}
