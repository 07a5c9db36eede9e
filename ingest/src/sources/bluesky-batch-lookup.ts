/**
 * Looks things up on the Bluesky AppView in batches and remembers them: the XRPC "get many"
 * queries (getProfiles, getPosts) take up to 25 keys a request and leave out what they do not
 * know (deleted, taken down), so a key asked for and not returned is remembered as null.
 */
import { HttpError } from '../http/polite-http.ts';
import type { PollContext } from './source.ts';

/** Both getProfiles (`actors`) and getPosts (`uris`) take at most 25. */
export const KEYS_PER_REQUEST = 25;
/** Enough for a day of busy polling; past it the memory starts over rather than grow. */
const MAX_REMEMBERED = 20_000;

export type LookupContext = Pick<PollContext, 'http' | 'signal' | 'log'>;

export interface BatchQuery<V> {
  /** The XRPC method, e.g. `app.bsky.actor.getProfiles`. */
  method: string;
  /** The repeated query parameter that carries the keys. */
  param: string;
  /** The response's list of items. */
  items: (body: unknown) => unknown[];
  /** An item's key and value, or undefined for an item without a usable key. */
  read: (item: unknown) => [key: string, value: V] | undefined;
}

export class BatchLookup<V> {
  private readonly known = new Map<string, V | null>();

  constructor(
    private readonly serviceUrl: string,
    private readonly query: BatchQuery<V>,
  ) {}

  /**
   * Values by key, fetching the keys not yet known. Best effort: a failed request leaves its keys
   * unknown (absent from the map, so a later call asks again) rather than fail the run's posts.
   */
  async lookup(ctx: LookupContext, keys: Iterable<string>): Promise<ReadonlyMap<string, V | null>> {
    const wanted = [...new Set([...keys].filter((key) => !this.known.has(key)))];
    if (this.known.size + wanted.length > MAX_REMEMBERED) this.known.clear();
    for (let i = 0; i < wanted.length; i += KEYS_PER_REQUEST) {
      const chunk = wanted.slice(i, i + KEYS_PER_REQUEST);
      const url = new URL(`/xrpc/${this.query.method}`, this.serviceUrl);
      for (const key of chunk) url.searchParams.append(this.query.param, key);
      try {
        const { body } = await ctx.http.getJson<unknown>(url, ctx.signal);
        for (const item of this.query.items(body)) {
          const entry = this.query.read(item);
          if (entry) this.known.set(entry[0], entry[1]);
        }
        for (const key of chunk) if (!this.known.has(key)) this.known.set(key, null);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        ctx.log.warn({ err: err.message, method: this.query.method, keys: chunk.length }, 'Bluesky lookup failed; posts keep what they have');
      }
    }
    return this.known;
  }
}

/** The array under `field` in a response body, or none. */
export function listIn(body: unknown, field: string): unknown[] {
  const list = (body as Record<string, unknown> | null)?.[field];
  return Array.isArray(list) ? list : [];
}
