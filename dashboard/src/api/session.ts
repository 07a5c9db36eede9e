// The browser's session cookie for a key: what Zeeschuimer's "to 4CAT" upload carries, since the
// extension sends cookies and no Authorization header. Other API calls keep to the bearer key.

export async function signInBrowser(key: string): Promise<boolean> {
  try {
    const res = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }), credentials: 'same-origin' });
    return res.ok;
  } catch {
    return false;
  }
}

export async function signOutBrowser(): Promise<void> {
  try {
    await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' });
  } catch {
    // Signed out or not, the key is forgotten; the cookie ends with its session.
  }
}
