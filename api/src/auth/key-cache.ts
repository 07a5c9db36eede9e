import type { ApiKeyStore, StoredKey } from './key-store.ts';
import { keyMatches, parseKey } from './keys.ts';
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

export interface KeyCacheOptions {
  /** How long a found key is remembered: the longest a revoked key keeps working. */
  ttlMs?: number;
  /** How long an unknown id is remembered. */
  negativeTtlMs?: number;
  /** Most ids remembered, found and unknown each (unknown ids cannot push out real keys). */
  maxEntries?: number;
}

/**
 * Checks presented keys against the store, remembering each lookup briefly so that a busy
 * client costs one store query per `ttlMs`, not one per request. A revoked key therefore stops
 * working within `ttlMs` in every API process.
 *
 * What never reaches the store: a key whose form or check is wrong (keys.ts), an id that was
 * unknown a moment ago (remembered apart from real keys, so a flood of random ids cannot evict
 * them), and a legacy key whose id is not in the list of stored ids, read at most once per
 * `ttlMs` whatever the number of ids presented.
 */
export class KeyAuthenticator {
  private readonly found = new Map<string, Entry>();
  private readonly unknown = new Map<string, number>();
  private storedIds: { expires: number; ids: Promise<Set<string>> } | undefined;
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly store: Pick<ApiKeyStore, 'find' | 'ids'>,
    options: KeyCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.negativeTtlMs = options.negativeTtlMs ?? Math.min(this.ttlMs, 5_000);
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** The client a key belongs to, or undefined for a malformed, unknown, revoked or wrong key. */
  async verify(key: string): Promise<ApiClient | undefined> {
    const parsed = parseKey(key);
    if (!parsed) return undefined;
    if (this.isKnownUnknown(parsed.id)) return undefined;
    if (parsed.legacy && !(await this.legacyIds()).has(parsed.id)) return undefined;
    const stored = await this.lookup(parsed.id);
    if (!stored || stored.revoked || !keyMatches(key, stored.hash)) return undefined;
    return { id: stored.id, name: stored.name, role: stored.role };
  }

  /** The client of a key id that is still valid (for a session made with that key), with its current role. */
  async current(id: string): Promise<ApiClient | undefined> {
    const stored = await this.lookup(id);
    if (!stored || stored.revoked) return undefined;
    return { id: stored.id, name: stored.name, role: stored.role };
  }

  private isKnownUnknown(id: string): boolean {
    const expires = this.unknown.get(id);
    if (expires === undefined) return false;
    if (expires > Date.now()) return true;
    this.unknown.delete(id);
    return false;
  }

  private legacyIds(): Promise<Set<string>> {
    const now = Date.now();
    if (this.storedIds && this.storedIds.expires > now) return this.storedIds.ids;
    const ids = this.store.ids().then((list) => new Set(list));
    const entry = { expires: now + this.ttlMs, ids };
    ids.catch(() => {
      if (this.storedIds === entry) this.storedIds = undefined;
    });
    this.storedIds = entry;
    return ids;
  }

  private lookup(id: string): Promise<StoredKey | undefined> {
    const now = Date.now();
    const cached = this.found.get(id);
    if (cached && cached.expires > now) return cached.lookup;
    if (cached) this.found.delete(id);
    // Oldest first: a Map iterates in insertion order.
    while (this.found.size >= this.maxEntries) this.found.delete(this.found.keys().next().value!);
    // Concurrent requests with one key share one query; a failed query is not remembered.
    const lookup = this.store.find(id);
    const entry = { expires: now + this.ttlMs, lookup };
    lookup.then(
      (stored) => {
        if (stored || this.found.get(id) !== entry) return;
        this.found.delete(id);
        while (this.unknown.size >= this.maxEntries) this.unknown.delete(this.unknown.keys().next().value!);
        this.unknown.set(id, Date.now() + this.negativeTtlMs);
      },
      () => {
        if (this.found.get(id) === entry) this.found.delete(id);
      },
    );
    this.found.set(id, entry);
    return lookup;
  }
}
