/**
 * The posts that Jetstream posts quote. A record's quote embed holds only the quoted post's
 * at-uri, so its text is fetched with app.bsky.feed.getPosts (PostViews, up to 25 a request),
 * the way a search result's embed view already carries it.
 */
import { BatchLookup, listIn, type LookupContext } from './bluesky-batch-lookup.ts';

export interface QuotedPost {
  handle: string;
  text: string;
}

export class BlueskyQuotedPosts {
  private readonly batches: BatchLookup<QuotedPost>;

  constructor(serviceUrl: string) {
    this.batches = new BatchLookup(serviceUrl, {
      method: 'app.bsky.feed.getPosts',
      param: 'uris',
      items: (body) => listIn(body, 'posts'),
      read: (item) => {
        const view = item as { uri?: unknown; author?: { handle?: unknown }; record?: { text?: unknown } } | null;
        if (typeof view?.uri !== 'string' || typeof view.record?.text !== 'string') return undefined;
        return [view.uri, { handle: typeof view.author?.handle === 'string' ? view.author.handle : '', text: view.record.text }];
      },
    });
  }

  /** Quoted posts by at-uri; a post the AppView does not return (deleted, blocked) maps to null. */
  lookup(ctx: LookupContext, uris: Iterable<string>): Promise<ReadonlyMap<string, QuotedPost | null>> {
    return this.batches.lookup(ctx, uris);
  }
}
