/**
 * Profiles of Bluesky authors. PostView's author (ProfileViewBasic) has no description, and
 * Jetstream's events name the author by DID alone, but the actor classifier reads handles and
 * profile texts, so profiles are looked up with app.bsky.actor.getProfiles (up to 25 actors a
 * request) and remembered.
 */
import { HttpError } from '../http/polite-http.ts';
import type { PollContext } from './source.ts';

const ACTORS_PER_REQUEST = 25;
/** Enough for a day of busy polling; past it the memory starts over rather than grow. */
const MAX_REMEMBERED = 20_000;

export interface BlueskyProfile {
  handle: string;
  displayName: string;
  description: string;
}

type Ctx = Pick<PollContext, 'http' | 'signal' | 'log'>;

export class BlueskyProfiles {
  private readonly known = new Map<string, BlueskyProfile | null>();

  constructor(private readonly serviceUrl: string) {}

  /**
   * Profiles by DID, fetching the ones not yet known in batches. Best effort: a failed lookup
   * leaves those authors without a profile rather than fail the run's posts.
   */
  async lookup(ctx: Ctx, dids: Iterable<string>): Promise<ReadonlyMap<string, BlueskyProfile | null>> {
    const wanted = [...new Set([...dids].filter((did) => did.startsWith('did:') && !this.known.has(did)))];
    if (this.known.size + wanted.length > MAX_REMEMBERED) this.known.clear();
    for (let i = 0; i < wanted.length; i += ACTORS_PER_REQUEST) {
      const chunk = wanted.slice(i, i + ACTORS_PER_REQUEST);
      const url = new URL('/xrpc/app.bsky.actor.getProfiles', this.serviceUrl);
      for (const did of chunk) url.searchParams.append('actors', did);
      try {
        const { body } = await ctx.http.getJson<{ profiles?: Array<Record<string, unknown>> }>(url, ctx.signal);
        for (const p of Array.isArray(body?.profiles) ? body.profiles : []) {
          if (typeof p?.did !== 'string') continue;
          const text = (v: unknown) => (typeof v === 'string' ? v : '');
          this.known.set(p.did, { handle: text(p.handle), displayName: text(p.displayName), description: text(p.description) });
        }
        // Actors the AppView does not return (deleted, taken down) are remembered as having none.
        for (const did of chunk) if (!this.known.has(did)) this.known.set(did, null);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        ctx.log.warn({ err: err.message, actors: chunk.length }, 'Bluesky profile lookup failed; posts keep what they have');
      }
    }
    return this.known;
  }

  /** Descriptions by DID for the authors of these post views. */
  async describe(ctx: Ctx, views: unknown[]): Promise<ReadonlyMap<string, string>> {
    const dids = views.map((view) => (view as { author?: { did?: unknown } } | null)?.author?.did).filter((d): d is string => typeof d === 'string');
    const profiles = await this.lookup(ctx, dids);
    return new Map([...profiles].map(([did, p]) => [did, p?.description ?? '']));
  }
}
