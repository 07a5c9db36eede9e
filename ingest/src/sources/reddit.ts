import { z } from 'zod';
import type { PostInput } from '@rift/core';
import type { PoliteHttpOptions } from '../http/polite-http.ts';
import { joinText } from '../html-text.ts';
import type { BackfillWindow, PollContext, Source, SourcePage } from './source.ts';

/**
 * Reddit's public JSON listings, newest first, paged with `after`: keyword searches across
 * Reddit and the newest posts of chosen subreddits. No key; Reddit asks for a descriptive
 * User-Agent and about 10 requests a minute without OAuth (X-Ratelimit-* headers say the rest).
 */
export interface RedditOptions {
  baseUrl?: string;
  /** Searched across all of Reddit (`/search.json?q=...&sort=new`). */
  queries?: string[];
  /** Subreddits read whole (`/r/<name>/new.json`); the relevance filter keeps the on-topic posts. */
  subreddits?: string[];
  intervalMinutes?: number;
  /** Items per request; Reddit allows up to 100. */
  pageLimit?: number;
  /** Pages per listing and run; Reddit serves about 1000 items of a listing at most. */
  maxPages?: number;
}

export const REDDIT_DEFAULTS = {
  baseUrl: 'https://www.reddit.com',
  queries: ['tiktok ban', 'tiktok refugees', 'rednote', 'xiaohongshu'],
  subreddits: [] as string[],
  intervalMinutes: 15,
  pageLimit: 100,
  maxPages: 10,
};

/** Politeness for Reddit's unauthenticated API: one request at a time, well under its limit. */
export const REDDIT_HTTP: Omit<PoliteHttpOptions, 'fetch' | 'random'> = {
  concurrency: 1,
  requestsPerMinute: 8,
  attempts: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 60_000,
  userAgent: 'node:rift-ingest:0.1 (open-source research pipeline on the US TikTok ban debate)',
};

const ThingSchema = z.object({
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
});
const ListingSchema = z.object({
  kind: z.literal('Listing'),
  data: z.object({ after: z.string().nullish(), children: z.array(z.unknown()) }),
});

/** Newest created_utc seen per listing, plus where an interrupted run stopped inside one. */
const CursorSchema = z.object({
  newest: z.record(z.string(), z.number()).default({}),
  resume: z.object({ listing: z.string(), after: z.string(), newest: z.number() }).optional(),
});
type RedditCursor = z.output<typeof CursorSchema>;

interface Listing {
  key: string;
  url: URL;
}

export function createRedditSource(options: RedditOptions = {}): Source {
  const o = { ...REDDIT_DEFAULTS, ...options };
  const listings: Listing[] = [
    ...o.queries.map((q) => ({ key: `search:${q}`, url: listingUrl(o.baseUrl, '/search.json', { q, sort: 'new', t: 'all' }) })),
    ...o.subreddits.map((sub) => ({ key: `r/${sub}`, url: listingUrl(o.baseUrl, `/r/${encodeURIComponent(sub)}/new.json`, {}) })),
  ];
  const fetchPage = async (context: PollContext, listing: Listing, after: string | undefined) => {
    const url = new URL(listing.url);
    url.searchParams.set('limit', String(o.pageLimit));
    if (after) url.searchParams.set('after', after);
    const { body } = await context.http.getJson<unknown>(url, context.signal);
    const parsed = ListingSchema.safeParse(body);
    if (!parsed.success) throw new Error(`reddit: ${listing.key} did not answer with a Listing`);
    return parsed.data.data;
  };

  return {
    name: 'reddit',
    intervalMinutes: o.intervalMinutes,

    async *poll(context) {
      let cursor = readCursor(context.cursor);
      for (const listing of listings) {
        const hwm = cursor.newest[listing.key] ?? 0;
        const resuming = cursor.resume?.listing === listing.key ? cursor.resume : undefined;
        let after = resuming?.after;
        let newest = resuming?.newest ?? hwm;
        for (let page = 0; page < o.maxPages; page++) {
          const data = await fetchPage(context, listing, after);
          const { posts, errors, oldest } = convert(data.children, (t) => t >= hwm);
          newest = Math.max(newest, ...posts.map((p) => Date.parse(p.created_at) / 1000));
          // Items arrive newest first: once one is older than the mark, the rest were seen.
          const done = oldest < hwm || !data.after || page + 1 >= o.maxPages;
          // The mark moves only when the listing is finished, so a crash never skips its older pages.
          cursor = done
            ? { newest: { ...cursor.newest, [listing.key]: newest }, resume: undefined }
            : { newest: cursor.newest, resume: { listing: listing.key, after: data.after!, newest } };
          yield { posts, errors, cursor: JSON.stringify(cursor) };
          if (done) break;
          after = data.after!;
        }
      }
    },

    /** Best effort: Reddit cannot search by date, so this pages back through the newest ~1000. */
    async *backfill(context, window: BackfillWindow) {
      const from = window.from.getTime() / 1000;
      const to = window.to.getTime() / 1000;
      for (const listing of listings) {
        let after: string | undefined;
        for (let page = 0; page < o.maxPages; page++) {
          const data = await fetchPage(context, listing, after);
          const { posts, errors, oldest } = convert(data.children, (t) => t >= from && t < to);
          yield { posts, errors };
          if (oldest < from || !data.after) break;
          after = data.after;
        }
      }
    },
  };
}

function listingUrl(baseUrl: string, path: string, params: Record<string, string>): URL {
  const url = new URL(path, baseUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  // Without raw_json Reddit escapes &, < and > in text as HTML entities.
  url.searchParams.set('raw_json', '1');
  return url;
}

function readCursor(raw: string | undefined): RedditCursor {
  if (!raw) return { newest: {} };
  try {
    return CursorSchema.parse(JSON.parse(raw));
  } catch {
    return { newest: {} }; // an unreadable cursor means starting over; dedupe absorbs the repeats
  }
}

/** Posts within `keep`, items that cannot become posts, and the oldest time on the page. */
function convert(children: unknown[], keep: (createdUtc: number) => boolean): Required<Omit<SourcePage, 'cursor'>> & { oldest: number } {
  const posts: PostInput[] = [];
  const errors: Array<{ reason: string; payload: unknown }> = [];
  let oldest = Infinity;
  for (const child of children) {
    const result = redditThingToPost(child);
    if ('error' in result) {
      errors.push({ reason: `reddit: ${result.error}`, payload: child });
      continue;
    }
    const created = Date.parse(result.post.created_at) / 1000;
    oldest = Math.min(oldest, created);
    if (keep(created)) posts.push(result.post);
  }
  return { posts, errors, oldest };
}

/** One listing child (t3 link or t1 comment) as a post, or why it cannot be one. */
export function redditThingToPost(child: unknown): { post: PostInput } | { error: string } {
  const thing = ThingSchema.safeParse(child);
  if (!thing.success) return { error: 'item is not a {kind, data} thing' };
  const { kind, data } = thing.data;
  if (kind !== 't3' && kind !== 't1') return { error: `unsupported kind ${JSON.stringify(kind)}` };
  const str = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  const num = (key: string) => (typeof data[key] === 'number' && Number.isFinite(data[key]) ? (data[key] as number) : undefined);
  const fullname = str('name') ?? (str('id') ? `${kind}_${str('id')}` : undefined);
  if (!fullname) return { error: 'item has no id or name' };
  const created = num('created_utc');
  if (created === undefined) return { error: `${fullname} has no created_utc` };
  const text = kind === 't3' ? joinText(joinText(str('title'), str('selftext')), linkedUrl(data)) : (str('body') ?? '').trim();
  if (!text) return { error: `${fullname} has no text` };
  const author = str('author') ?? '';
  const permalink = str('permalink') ?? commentPermalink(kind, data);
  const raw = Object.fromEntries(
    ['id', 'name', 'subreddit', 'author', 'created_utc', 'permalink', 'url', 'link_id', 'score', 'num_comments'].map((k) => [k, data[k]]),
  );
  return {
    post: {
      source: 'reddit',
      id: fullname,
      url: permalink ? new URL(permalink, 'https://www.reddit.com').toString() : '',
      author: { handle: author, name: author ? `u/${author}` : '', description: '', verified_domain: '' },
      created_at: new Date(created * 1000).toISOString(),
      text,
      engagement: { likes: Math.max(0, Math.round(num('score') ?? 0)), reposts: 0, replies: Math.max(0, num('num_comments') ?? 0) },
      raw: { kind, ...raw },
    },
  };
}

/**
 * A link post's target (a news article, say), which carries its topic as much as the title does.
 * Self posts point `url` at their own thread, which adds nothing.
 */
function linkedUrl(data: Record<string, unknown>): string | undefined {
  const url = typeof data.url === 'string' ? data.url : undefined;
  if (!url || data.is_self === true || /^\/r\//.test(url) || /^https?:\/\/(www\.|old\.)?reddit\.com\/r\/[^/]+\/comments\//.test(url)) return undefined;
  return url;
}

/**
 * Search results and some listings give comments no `permalink`; their thread (`link_id`, "t3_...")
 * and id are enough for Reddit's short form, whose title slug may be anything ("_").
 */
function commentPermalink(kind: string, data: Record<string, unknown>): string | undefined {
  if (kind !== 't1' || typeof data.link_id !== 'string' || typeof data.id !== 'string') return undefined;
  const thread = data.link_id.replace(/^t3_/, '');
  const sub = typeof data.subreddit === 'string' ? `/r/${encodeURIComponent(data.subreddit)}` : '';
  return `${sub}/comments/${encodeURIComponent(thread)}/_/${encodeURIComponent(data.id)}/`;
}
