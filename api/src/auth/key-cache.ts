import type { ApiKeyStore, StoredKey } from './key-store.ts';
import { keyId, keyMatches } from './keys.ts';
import type { Role } from './roles.ts';

/** The caller behind a request, once its key has checked out. */
export interface ApiClient {
  id: string;
  name: string;
  role: Role;
}

interface Entry {
  expires: number;
  lookup: Promise<StoredKey | undefined>;
}

/**
 * Checks presented keys against the store, remembering each lookup briefly so that a busy
 * client costs one store query per `ttlMs`, not one per request. A revoked key therefore stops
 * working within `ttlMs` in every API process. Unknown ids are remembered too (a client with a
 * wrong key must not turn every request into a query), within a bounded number of entries.
 */
export class KeyAuthenticator {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: Pick<ApiKeyStore, 'find'>,
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** The client a key belongs to, or undefined for a malformed, unknown, revoked or wrong key. */
  async verify(key: string): Promise<ApiClient | undefined> {
    const id = keyId(key);
    if (!id) return undefined;
    const stored = await this.lookup(id);
    if (!stored || stored.revoked || !keyMatches(key, stored.hash)) return undefined;
    return { id: stored.id, name: stored.name, role: stored.role };
  }

  /** The client of a key id that is still valid (for a session made with that key), with its current role. */
  async current(id: string): Promise<ApiClient | undefined> {
    const stored = await this.lookup(id);
    if (!stored || stored.revoked) return undefined;
    return { id: stored.id, name: stored.name, role: stored.role };
  }

  private lookup(id: string): Promise<StoredKey | undefined> {
    const now = Date.now();
    const cached = this.entries.get(id);
    if (cached && cached.expires > now) return cached.lookup;
    if (cached) this.entries.delete(id);
    // Oldest first: a Map iterates in insertion order.
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    // Concurrent requests with one key share one query; a failed query is not remembered.
    const lookup = this.store.find(id);
    lookup.catch(() => {
      if (this.entries.get(id)?.lookup === lookup) this.entries.delete(id);
    });
    this.entries.set(id, { expires: now + this.ttlMs, lookup });
    return lookup;
  }
}
