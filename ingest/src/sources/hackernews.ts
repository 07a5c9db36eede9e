import { z } from 'zod';
import type { PostInput } from '@rift/core';
import type { PoliteHttpOptions } from '../http/polite-http.ts';
import { htmlToText, joinText } from '../html-text.ts';
import type { PollContext, Source, SourcePage } from './source.ts';

/**
 * Hacker News through Algolia's public search API: `search_by_date` (newest first) for stories
 * and comments, with `numericFilters` on `created_at_i` to bound each run in time. No key;
 * Algolia allows about 10,000 requests an hour per IP and at most 1000 hits per query.
 */
export interface HackerNewsOptions {
  baseUrl?: string;
  queries?: string[];
  intervalMinutes?: number;
  hitsPerPage?: number;
  /** How far back the very first poll looks; older posts are for backfill windows. */
  firstPollDays?: number;
  /** The clock, in epoch milliseconds; injected by tests. */
  now?: () => number;
}

export const HACKERNEWS_DEFAULTS = {
  baseUrl: 'https://hn.algolia.com',
  queries: ['tiktok ban', 'tiktok', 'rednote', 'xiaohongshu'],
  intervalMinutes: 15,
  hitsPerPage: 100,
  firstPollDays: 7,
  now: () => Date.now(),
};

export const HACKERNEWS_HTTP: Omit<PoliteHttpOptions, 'fetch' | 'random'> = {
  concurrency: 1,
  requestsPerMinute: 60,
  attempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  userAgent: 'rift-ingest/0.1 (open-source research pipeline on the US TikTok ban debate)',
};

const ResponseSchema = z.object({
  hits: z.array(z.unknown()),
  page: z.number(),
  nbPages: z.number(),
  nbHits: z.number().optional(),
});

/** Algolia serves at most this many hits of one query, however many pages `nbHits` implies. */
export const ALGOLIA_MAX_HITS = 1000;

/**
 * Newest created_at_i per query; `resume` is a run in progress: the time windows of the query
 * still to read (newest last) with the page to go on at in the last one. Fixed bounds keep page
 * numbers stable while new posts arrive, so a restart continues where it stopped.
 */
const WindowSchema = z.object({ lower: z.number(), upper: z.number() });
const CursorSchema = z.object({
  newest: z.record(z.string(), z.number()).default({}),
  resume: z.object({ query: z.string(), windows: z.array(WindowSchema).min(1), page: z.number(), newest: z.number() }).optional(),
});
type HackerNewsCursor = z.output<typeof CursorSchema>;

interface Range {
  /** Inclusive lower bound, epoch seconds. */
  lower: number;
  /** Exclusive upper bound, epoch seconds. */
  upper: number;
}

interface WindowStep extends Required<Omit<SourcePage, 'cursor'>> {
  /** Windows still to read after this page (newest last), and the page to read next in the last. */
  windows: Range[];
  nextPage: number;
  /** Every window of the query read to its end. */
  done: boolean;
}

export function createHackerNewsSource(options: HackerNewsOptions = {}): Source {
  const o = { ...HACKERNEWS_DEFAULTS, ...options };

  async function search(context: PollContext, query: string, range: Range, page: number) {
    const url = new URL('/api/v1/search_by_date', o.baseUrl);
    url.searchParams.set('query', query);
    url.searchParams.set('tags', '(story,comment)');
    url.searchParams.set('numericFilters', `created_at_i>=${range.lower},created_at_i<${range.upper}`);
    url.searchParams.set('hitsPerPage', String(o.hitsPerPage));
    url.searchParams.set('page', String(page));
    const { body } = await context.http.getJson<unknown>(url, context.signal);
    const parsed = ResponseSchema.safeParse(body);
    if (!parsed.success) throw new Error(`hackernews: "${query}" page ${page} is not a search response`);
    return parsed.data;
  }

  /**
   * The pages of one query over its windows, newest window first. A window whose `nbHits` is more
   * than paging can reach (Algolia stops at 1000 hits) is halved in time until each part fits;
   * a window leaves the list only once read to its last page.
   */
  async function* windowPages(context: PollContext, query: string, start: Range[], startPage: number): AsyncGenerator<WindowStep> {
    const windows = [...start];
    let page = startPage;
    while (windows.length > 0) {
      const range = windows.at(-1)!;
      const res = await search(context, query, range, page);
      const reachable = Math.min(ALGOLIA_MAX_HITS, res.nbPages * o.hitsPerPage);
      const overflow = (res.nbHits ?? 0) > reachable;
      if (overflow && page === 0 && range.upper - range.lower > 1) {
        const mid = Math.floor((range.lower + range.upper) / 2);
        windows.splice(-1, 1, { lower: range.lower, upper: mid }, { lower: mid, upper: range.upper });
        continue;
      }
      const converted = convert(res.hits);
      const last = converted.posts.length + converted.errors.length === 0 || page + 1 >= res.nbPages;
      if (last && overflow) {
        // One second with more hits than Algolia serves cannot be split further: say so.
        converted.errors.push({ reason: `hackernews: "${query}" has ${res.nbHits} hits in the second ${range.lower}, of which only ${reachable} can be read`, payload: { query, range } });
      }
      if (last) windows.pop();
      page = last ? 0 : page + 1;
      yield { ...converted, windows: [...windows], nextPage: page, done: windows.length === 0 };
    }
  }

  return {
    name: 'hackernews',
    intervalMinutes: o.intervalMinutes,

    async *poll(context) {
      let cursor = readCursor(context.cursor);
      const now = Math.floor(o.now() / 1000);
      for (const query of o.queries) {
        const resuming = cursor.resume?.query === query ? cursor.resume : undefined;
        const lower = cursor.newest[query] ?? now - o.firstPollDays * 86_400;
        // +1: the upper bound is exclusive and a post from this very second must not wait a run.
        const windows = resuming?.windows ?? [{ lower, upper: now + 1 }];
        let newest = resuming?.newest ?? cursor.newest[query] ?? 0;
        for await (const step of windowPages(context, query, windows, resuming?.page ?? 0)) {
          newest = Math.max(newest, ...step.posts.map((p) => Date.parse(p.created_at) / 1000));
          // The mark moves when every window of the query is read; until then the run can be resumed.
          cursor = step.done
            ? { newest: { ...cursor.newest, [query]: newest }, resume: undefined }
            : { newest: cursor.newest, resume: { query, windows: step.windows, page: step.nextPage, newest } };
          yield { posts: step.posts, errors: step.errors, cursor: JSON.stringify(cursor) };
        }
      }
    },

    async *backfill(context, window) {
      const range = { lower: Math.floor(window.from.getTime() / 1000), upper: Math.floor(window.to.getTime() / 1000) };
      for (const query of o.queries) {
        for await (const step of windowPages(context, query, [range], 0)) yield { posts: step.posts, errors: step.errors };
      }
    },
  };
}

function readCursor(raw: string | undefined): HackerNewsCursor {
  if (!raw) return { newest: {} };
  try {
    return CursorSchema.parse(JSON.parse(raw));
  } catch {
    return { newest: {} };
  }
}

function convert(hits: unknown[]): Required<Omit<SourcePage, 'cursor'>> {
  const posts: PostInput[] = [];
  const errors: Array<{ reason: string; payload: unknown }> = [];
  for (const hit of hits) {
    const result = hackerNewsHitToPost(hit);
    if ('post' in result) posts.push(result.post);
    else errors.push({ reason: `hackernews: ${result.error}`, payload: hit });
  }
  return { posts, errors };
}

/** One Algolia hit (a story or a comment) as a post, or why it cannot be one. */
export function hackerNewsHitToPost(hit: unknown): { post: PostInput } | { error: string } {
  if (typeof hit !== 'object' || hit === null) return { error: 'hit is not an object' };
  const h = hit as Record<string, unknown>;
  const str = (key: string) => (typeof h[key] === 'string' ? (h[key] as string) : undefined);
  const num = (key: string) => (typeof h[key] === 'number' && Number.isFinite(h[key]) ? (h[key] as number) : undefined);
  const id = str('objectID');
  if (!id) return { error: 'hit has no objectID' };
  const seconds = num('created_at_i') ?? (str('created_at') ? Date.parse(str('created_at')!) / 1000 : NaN);
  if (!Number.isFinite(seconds)) return { error: `item ${id} has no created_at_i or created_at` };
  const comment = str('comment_text');
  const text = comment !== undefined ? htmlToText(comment) : joinText(str('title'), htmlToText(str('story_text') ?? ''));
  if (!text) return { error: `item ${id} has no text` };
  const author = str('author') ?? '';
  return {
    post: {
      source: 'hackernews',
      id,
      url: `https://news.ycombinator.com/item?id=${encodeURIComponent(id)}`,
      author: { handle: author, name: author, description: '', verified_domain: '' },
      created_at: new Date(seconds * 1000).toISOString(),
      text,
      lang_hint: '',
      engagement: { likes: Math.max(0, num('points') ?? 0), reposts: 0, replies: Math.max(0, num('num_comments') ?? 0) },
      raw: {
        objectID: id,
        kind: comment !== undefined ? 'comment' : 'story',
        story_id: h.story_id,
        url: h.url,
        points: h.points,
      },
    },
  };
}
