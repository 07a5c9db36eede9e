/**
 * Live Bluesky posts from Jetstream (no key). A poll listens for a bounded time or number of
 * events, then ends, so the scheduler runs it like any other source; the next poll resumes from
 * the saved `time_us` a little earlier, and the producer's dedupe absorbs the overlap.
 * Relevance filtering happens in the runner, like for every source.
 */
import type { PostInput } from '@rift/core';
import type { LookupContext } from './bluesky-batch-lookup.ts';
import { jetstreamEventToItem, POST_COLLECTION, verifiedDomainOf } from './bluesky-post.ts';
import { BlueskyProfiles } from './bluesky-profiles.ts';
import { BlueskyQuotedPosts } from './bluesky-quoted-posts.ts';
import { quoteLine } from './bluesky-text.ts';
import { readJetstream, type ReconnectPolicy } from './bluesky-jetstream-socket.ts';
import type { Source, SourcePage } from './source.ts';

export const BLUESKY_JETSTREAM_DEFAULTS = {
  endpoint: 'wss://jetstream2.us-east.bsky.network/subscribe',
  intervalMinutes: 1,
  /** Under the interval, so runs never overlap; the cursor covers the time between them. */
  collectSeconds: 50,
  maxEvents: 50_000,
  pageSize: 500,
  /** Jetstream's own advice: rewind a few seconds when resuming, and process idempotently. */
  overlapSeconds: 5,
  reconnect: { baseDelayMs: 500, maxDelayMs: 15_000, attempts: 5 } satisfies ReconnectPolicy,
  /** Where authors' profiles and quoted posts are looked up (events carry only DIDs and at-uris). */
  appviewUrl: 'https://public.api.bsky.app',
} as const;

export interface BlueskyJetstreamOptions {
  name?: string;
  endpoint?: string;
  intervalMinutes?: number;
  collectSeconds?: number;
  maxEvents?: number;
  /** Posts per page; a page also ends every `pageEvents` events so the cursor keeps moving. */
  pageSize?: number;
  pageEvents?: number;
  overlapSeconds?: number;
  reconnect?: ReconnectPolicy;
  /** The AppView for authors' profiles and quoted posts; null leaves authors as DIDs and quotes unread. */
  appviewUrl?: string | null;
}

/** Malformed messages are kept as dead letters up to this length. */
const MAX_PAYLOAD_CHARS = 2000;

export function createBlueskyJetstreamSource(options: BlueskyJetstreamOptions = {}): Source {
  const o = { ...BLUESKY_JETSTREAM_DEFAULTS, pageEvents: 5000, ...options };
  const name = options.name ?? 'bluesky-jetstream';
  const overlapUs = Math.round(o.overlapSeconds * 1_000_000);
  const appview = o.appviewUrl ? { profiles: new BlueskyProfiles(o.appviewUrl), quotes: new BlueskyQuotedPosts(o.appviewUrl) } : undefined;

  return {
    name,
    intervalMinutes: o.intervalMinutes,
    async *poll(ctx) {
      const saved = ctx.cursor && /^\d+$/.test(ctx.cursor) ? Number(ctx.cursor) : undefined;
      let last = saved;
      let posts: JetstreamPost[] = [];
      let errors: NonNullable<SourcePage['errors']> = [];
      let events = 0;
      let pageStartLast = last;
      let eventsInPage = 0;
      const page = async (): Promise<SourcePage> => {
        const out = { posts: await completed(ctx, posts, appview), errors, cursor: last === undefined ? undefined : String(last) };
        posts = [];
        errors = [];
        eventsInPage = 0;
        pageStartLast = last;
        return out;
      };

      const messages = readJetstream({
        endpoint: o.endpoint,
        collections: [POST_COLLECTION],
        resumeFrom: () => (last === undefined ? undefined : last - overlapUs),
        deadline: Date.now() + o.collectSeconds * 1000,
        reconnect: o.reconnect,
        signal: ctx.signal,
        log: ctx.log,
      });
      for await (const message of messages) {
        events++;
        eventsInPage++;
        let event: unknown;
        try {
          event = JSON.parse(message);
        } catch {
          errors.push({ reason: 'Jetstream message is not JSON', payload: message.slice(0, MAX_PAYLOAD_CHARS) });
          continue;
        }
        const item = jetstreamEventToItem(event, name);
        if (item.timeUs !== undefined) last = Math.max(last ?? 0, item.timeUs);
        if ('error' in item) errors.push({ reason: item.error, payload: event });
        else if ('post' in item) posts.push(item);
        if (posts.length >= o.pageSize || eventsInPage >= o.pageEvents) yield await page();
        if (events >= o.maxEvents) break;
      }
      if (posts.length || errors.length || last !== pageStartLast) yield await page();
    },
  };
}

/** A post as the event gave it, with the at-uri of the post it quotes, if any. */
type JetstreamPost = { post: PostInput; quoted?: string };

/** The missing_fields entry of a quote post whose quoted text could not be had. */
export const QUOTE_TEXT_MISSING = 'quote.text';

/**
 * A page's posts with their authors' profiles and their quoted posts' text, each looked up for
 * the whole page together, 25 to a request, before the page is handed on (so the relevance
 * filter reads the quotes too). A quoted post the AppView does not return (deleted), or could
 * not be asked for, leaves `quote.text` in missing_fields; the record still holds its at-uri.
 */
async function completed(ctx: LookupContext, page: JetstreamPost[], appview: { profiles: BlueskyProfiles; quotes: BlueskyQuotedPosts } | undefined): Promise<PostInput[]> {
  if (page.length === 0) return [];
  const quotedUris = page.map((p) => p.quoted).filter((uri): uri is string => uri !== undefined);
  const profiles = appview ? await appview.profiles.lookup(ctx, page.map((p) => p.post.author?.handle ?? '')) : new Map();
  const quotes = appview && quotedUris.length ? await appview.quotes.lookup(ctx, quotedUris) : new Map();
  return page.map(({ post, quoted }) => {
    const profile = profiles.get(post.author?.handle ?? '');
    const withAuthor = profile?.handle
      ? { ...post, author: { handle: profile.handle, name: profile.displayName, description: profile.description, verified_domain: verifiedDomainOf(profile.handle) } }
      : post;
    if (quoted === undefined) return withAuthor;
    const quote = quotes.get(quoted);
    if (!quote) return { ...withAuthor, missing_fields: [...(post.missing_fields ?? []), QUOTE_TEXT_MISSING] };
    if (!quote.text.trim()) return withAuthor;
    // The quote comes first, as in a search result's context (quote, card, image descriptions).
    const context = [quoteLine(quote.handle || undefined, quote.text), post.context_text].filter(Boolean).join('\n\n');
    return { ...withAuthor, context_text: context };
  });
}
