/**
 * Profile texts for Bluesky authors. PostView's author (ProfileViewBasic) has no description,
 * but the actor classifier reads it, so descriptions are looked up with
 * app.bsky.actor.getProfiles (up to 25 actors a request) and remembered.
 */
import { HttpError } from '../http/polite-http.ts';
import type { PollContext } from './source.ts';

const ACTORS_PER_REQUEST = 25;
/** Enough for a day of busy polling; past it the memory starts over rather than grow. */
const MAX_REMEMBERED = 20_000;

export class BlueskyProfiles {
  private readonly descriptions = new Map<string, string>();

  constructor(private readonly serviceUrl: string) {}

  /**
   * Descriptions by DID for the authors of these post views, fetching the ones not yet known.
   * Best effort: a failed lookup leaves descriptions empty rather than fail the run's posts.
   */
  async describe(ctx: Pick<PollContext, 'http' | 'signal' | 'log'>, views: unknown[]): Promise<ReadonlyMap<string, string>> {
    const unknown = new Set<string>();
    for (const view of views) {
      const did = (view as { author?: { did?: unknown } } | null)?.author?.did;
      if (typeof did === 'string' && did.startsWith('did:') && !this.descriptions.has(did)) unknown.add(did);
    }
    const dids = [...unknown];
    if (this.descriptions.size + dids.length > MAX_REMEMBERED) this.descriptions.clear();
    for (let i = 0; i < dids.length; i += ACTORS_PER_REQUEST) {
      const chunk = dids.slice(i, i + ACTORS_PER_REQUEST);
      const url = new URL('/xrpc/app.bsky.actor.getProfiles', this.serviceUrl);
      for (const did of chunk) url.searchParams.append('actors', did);
      try {
        const { body } = await ctx.http.getJson<{ profiles?: Array<{ did?: unknown; description?: unknown }> }>(url, ctx.signal);
        for (const profile of Array.isArray(body?.profiles) ? body.profiles : []) {
          if (typeof profile?.did === 'string') this.descriptions.set(profile.did, typeof profile.description === 'string' ? profile.description : '');
        }
        // Actors the AppView does not return (deleted, taken down) are remembered as having no text.
        for (const did of chunk) if (!this.descriptions.has(did)) this.descriptions.set(did, '');
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        ctx.log.warn({ err: err.message, actors: chunk.length }, 'Bluesky profile lookup failed; posts keep empty descriptions');
      }
    }
    return this.descriptions;
  }
}
