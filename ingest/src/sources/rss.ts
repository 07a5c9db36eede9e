import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ActorClass, PostInput } from '@rift/core';
import type { PoliteHttpOptions } from '../http/polite-http.ts';
import { joinText } from '../html-text.ts';
import { decodeFeed } from './feed-charset.ts';
import { parseFeedDate } from './feed-dates.ts';
import { parseFeed, type FeedEntry } from './rss-parse.ts';
import { XmlError } from './rss-xml.ts';
import type { Source } from './source.ts';

/**
 * RSS 2.0 and Atom 1.0 feeds of press rooms, congressional committees and news outlets. Each
 * feed is its own source (`rss-<id>`), so one broken feed is marked unhealthy alone; their posts
 * share the label `rss`, so an article carried by two feeds of one site is stored once.
 */
export interface FeedConfig {
  /** Short, stable, lowercase: the source is named `rss-<id>`. */
  id: string;
  url: string;
  /** Who publishes the feed, for the actor classifier. */
  actor: ActorClass;
  /** The publisher's site domain, matched against the topic pack's actor registry. */
  domain: string;
  /** Shown as the author's name; the feed's own title when absent. */
  title?: string;
}

export interface RssOptions {
  intervalMinutes?: number;
  /** Fetches of a feed per run when its body arrives cut off (PoliteHttp retries only JSON). */
  attempts?: number;
}

export const RSS_HTTP: Omit<PoliteHttpOptions, 'fetch' | 'random'> = {
  concurrency: 1,
  requestsPerMinute: 20,
  attempts: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 60_000,
  userAgent: 'rift-ingest/0.1 (open-source research pipeline on the US TikTok ban debate)',
};

/** Profile text carrying the configured actor class, in the cue words the classifier knows. */
const ACTOR_DESCRIPTIONS: Record<ActorClass, string> = {
  us_government: 'Official account of the publisher: US government press releases (federal agency, White House or member of Congress)',
  media: 'News outlet feed',
  company: 'Company account: corporate newsroom feed',
  foreign_government: 'State-affiliated media or foreign ministry feed',
  public: 'Public feed',
};

/** The newest entry date taken and the ids taken at exactly that date. */
const CursorSchema = z.object({ newest: z.string(), ids: z.array(z.string()) });
type RssCursor = z.output<typeof CursorSchema>;

export function createRssSource(feed: FeedConfig, options: RssOptions = {}): Source {
  const attempts = options.attempts ?? 3;
  return {
    name: `rss-${feed.id}`,
    intervalMinutes: options.intervalMinutes ?? 30,

    async *poll(context) {
      const cursor = readCursor(context.cursor);
      let parsed: ReturnType<typeof parseFeed> | undefined;
      for (let attempt = 1; !parsed; attempt++) {
        const response = await context.http.get(feed.url, context.signal);
        try {
          parsed = parseFeed(decodeFeed(response.bytes, response.headers.get('content-type')));
        } catch (err) {
          // A cut-off body is worth another fetch; a document that is not a feed is not.
          if (!(err instanceof XmlError && err.truncated) || attempt >= attempts) throw new Error(`rss ${feed.id}: ${(err as Error).message}`);
          context.log.warn({ feed: feed.url, attempt }, 'feed body cut off; fetching again');
        }
      }
      const author = {
        handle: feed.domain,
        name: feed.title ?? (parsed.title || feed.domain),
        description: ACTOR_DESCRIPTIONS[feed.actor],
        verified_domain: feed.domain,
      };
      const posts: PostInput[] = [];
      const errors: Array<{ reason: string; payload: unknown }> = [];
      let next: RssCursor | undefined = cursor;
      const undated = undatedTime(parsed.updated, Date.now());
      for (const entry of parsed.entries) {
        const result = feedEntryToPost(entry, feed, author, undated);
        if ('error' in result) {
          errors.push({ reason: `rss ${feed.id}: ${result.error}`, payload: entry.raw });
          continue;
        }
        const { post } = result;
        // An undated entry's stand-in time says nothing about order: it neither moves the cursor
        // nor is held back by it (the producer's dedupe drops it when it comes again).
        if (post.missing_fields?.includes('created_at')) {
          posts.push(post);
          continue;
        }
        if (cursor && (post.created_at < cursor.newest || (post.created_at === cursor.newest && cursor.ids.includes(post.id)))) continue;
        posts.push(post);
        if (!next || post.created_at > next.newest) next = { newest: post.created_at, ids: [post.id] };
        else if (post.created_at === next.newest && !next.ids.includes(post.id)) next = { ...next, ids: [...next.ids, post.id] };
      }
      yield { posts, errors, cursor: next ? JSON.stringify(next) : undefined };
    },
  };
}

export function createRssSources(feeds: readonly FeedConfig[], options: RssOptions = {}): Source[] {
  return feeds.map((feed) => createRssSource(feed, options));
}

function readCursor(raw: string | undefined): RssCursor | undefined {
  if (!raw) return undefined;
  try {
    return CursorSchema.parse(JSON.parse(raw));
  } catch {
    return undefined;
  }
}

/** The time an undated entry gets: the feed's own update time, else the moment it was first seen. */
export interface UndatedTime {
  ms: number;
  from: 'feed_updated' | 'first_seen';
}

export function undatedTime(feedUpdated: string | undefined, now: number): UndatedTime {
  const updated = parseFeedDate(feedUpdated);
  return updated !== undefined && updated <= now ? { ms: updated, from: 'feed_updated' } : { ms: now, from: 'first_seen' };
}

/**
 * A link as written, resolved against the entry's xml:base and the feed's own address; only
 * http(s) links are kept.
 */
function resolveLink(link: string | undefined, base: string | undefined, feedUrl: string): string {
  if (!link) return '';
  try {
    const url = new URL(link, base ? new URL(base, feedUrl) : feedUrl);
    return /^https?:$/.test(url.protocol) ? url.toString() : '';
  } catch {
    return '';
  }
}

/**
 * One entry as a post by the feed's publisher, or why it cannot be one. An entry without a date
 * is kept, dated by `undated` and with `created_at` in missing_fields (the raw payload says which
 * time stood in); a date that is there but unreadable is an error.
 */
export function feedEntryToPost(
  entry: FeedEntry,
  feed: FeedConfig,
  author: NonNullable<PostInput['author']>,
  undated: UndatedTime = { ms: Date.now(), from: 'first_seen' },
): { post: PostInput } | { error: string } {
  const native = entry.id ?? entry.link;
  if (!native) return { error: `entry "${entry.title.slice(0, 60)}" has no guid, id or link` };
  const written = parseFeedDate(entry.date);
  if (entry.date && written === undefined) return { error: `entry ${native} has an unreadable date ${JSON.stringify(entry.date)}` };
  const ms = written ?? undated.ms;
  const text = joinText(entry.title, entry.body);
  if (!text) return { error: `entry ${native} has no title or text` };
  // Bare guids ("12345") repeat across publishers: the domain makes the id unique under `rss`.
  const id = `${feed.domain}:${native}`;
  return {
    post: {
      source: 'rss',
      id: id.length <= 256 ? id : `${feed.domain}:sha1-${createHash('sha1').update(native).digest('hex')}`,
      url: resolveLink(entry.link, entry.base, feed.url),
      // The publisher speaks, not the staff writer: the actor class belongs to the feed.
      author,
      created_at: new Date(ms).toISOString(),
      text,
      ...(written === undefined ? { missing_fields: ['created_at'] } : {}),
      raw: { feed: feed.id, ...entry.raw, ...(entry.author ? { author: entry.author } : {}), ...(written === undefined ? { dated_by: undated.from } : {}) },
    },
  };
}
