/**
 * Profiles of Bluesky authors. PostView's author (ProfileViewBasic) has no description, and
 * Jetstream's events name the author by DID alone, but the actor classifier reads handles and
 * profile texts, so profiles are looked up with app.bsky.actor.getProfiles and remembered.
 */
import { BatchLookup, listIn, type LookupContext } from './bluesky-batch-lookup.ts';

export interface BlueskyProfile {
  handle: string;
  displayName: string;
  description: string;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export class BlueskyProfiles {
  private readonly batches: BatchLookup<BlueskyProfile>;

  constructor(serviceUrl: string) {
    this.batches = new BatchLookup(serviceUrl, {
      method: 'app.bsky.actor.getProfiles',
      param: 'actors',
      items: (body) => listIn(body, 'profiles'),
      read: (item) => {
        const p = item as Record<string, unknown> | null;
        return typeof p?.did === 'string' ? [p.did, { handle: text(p.handle), displayName: text(p.displayName), description: text(p.description) }] : undefined;
      },
    });
  }

  /** Profiles by DID; an author the AppView does not return (deleted, taken down) maps to null. */
  lookup(ctx: LookupContext, dids: Iterable<string>): Promise<ReadonlyMap<string, BlueskyProfile | null>> {
    return this.batches.lookup(ctx, [...dids].filter((did) => did.startsWith('did:')));
  }

  /** Descriptions by DID for the authors of these post views. */
  async describe(ctx: LookupContext, views: unknown[]): Promise<ReadonlyMap<string, string>> {
    const dids = views.map((view) => (view as { author?: { did?: unknown } } | null)?.author?.did).filter((d): d is string => typeof d === 'string');
    const profiles = await this.lookup(ctx, dids);
    return new Map([...profiles].map(([did, p]) => [did, p?.description ?? '']));
  }
}
