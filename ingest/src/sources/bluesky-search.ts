/**
 * Bluesky search (app.bsky.feed.searchPosts on the public AppView, no key): polls each query for
 * what is new since its high-water mark, and backfills any date window with since/until.
 */
import type { PostInput } from '@rift/core';
import type { PoliteHttp, PoliteHttpOptions } from '../http/polite-http.ts';
import { postViewToPost, sortAtOf } from './bluesky-post.ts';
import { BlueskyProfiles } from './bluesky-profiles.ts';
import type { BackfillWindow, PollContext, Source, SourcePage } from './source.ts';

export const BLUESKY_SEARCH_DEFAULTS = {
  serviceUrl: 'https://public.api.bsky.app',
  queries: ['tiktok ban', 'tiktok refugee', 'rednote', 'xiaohongshu', '小红书', 'bytedance'],
  intervalMinutes: 5,
  pageLimit: 10,
  pageSize: 100,
  initialLookbackHours: 24,
  backfillPageLimit: 200,
} as const;

/** The public AppView allows about 3000 requests per 5 minutes per IP; we use a small share. */
export const BLUESKY_SEARCH_HTTP: Omit<PoliteHttpOptions, 'userAgent'> = {
  concurrency: 2,
  requestsPerMinute: 60,
  attempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
};

export interface BlueskySearchOptions {
  name?: string;
  serviceUrl?: string;
  queries: readonly string[];
  intervalMinutes: number;
  /** Most requests per query in one poll; an unfinished walk resumes on the next poll. */
  pageLimit: number;
  /** Posts per request (the API's `limit`, 1 to 100). */
  pageSize?: number;
  /** How far back the very first poll of a query reaches. */
  initialLookbackHours?: number;
  /** Most requests per query in one backfill window. */
  backfillPageLimit?: number;
  /** Look up authors' profile texts (app.bsky.actor.getProfiles) for the actor classifier. */
  fetchProfiles?: boolean;
}

/**
 * Per query: `mark`, the newest sortAt fully collected; and while a walk from the newest posts
 * down to the mark is unfinished, its newest sortAt (`top`) and where it got to (`until`).
 * Search pages newest first, so the mark can only move once a walk reaches it.
 */
interface QueryState {
  mark: string;
  walk?: { top: string; until: string };
}
type SearchCursor = Record<string, QueryState>;

interface SearchResponse {
  cursor?: string;
  posts?: unknown;
}

interface SearchPage {
  posts: PostInput[];
  errors: Array<{ reason: string; payload: unknown }>;
  /** sortAt of the newest and the oldest item, and whether an item was older than `since`. */
  newest?: string;
  oldest?: string;
  nextCursor?: string;
}

export function createBlueskySearchSource(options: BlueskySearchOptions): Source {
  const name = options.name ?? 'bluesky-search';
  const serviceUrl = options.serviceUrl ?? BLUESKY_SEARCH_DEFAULTS.serviceUrl;
  const pageSize = Math.min(100, Math.max(1, options.pageSize ?? BLUESKY_SEARCH_DEFAULTS.pageSize));
  const lookbackMs = (options.initialLookbackHours ?? BLUESKY_SEARCH_DEFAULTS.initialLookbackHours) * 3600_000;
  const backfillPageLimit = options.backfillPageLimit ?? BLUESKY_SEARCH_DEFAULTS.backfillPageLimit;
  const profiles = options.fetchProfiles === false ? undefined : new BlueskyProfiles(serviceUrl);

  async function fetchPage(ctx: PollContext, params: Record<string, string | undefined>): Promise<SearchPage> {
    const url = new URL('/xrpc/app.bsky.feed.searchPosts', serviceUrl);
    for (const [key, value] of Object.entries({ sort: 'latest', limit: String(pageSize), ...params })) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const { body } = await ctx.http.getJson<SearchResponse>(url, ctx.signal);
    if (!Array.isArray(body?.posts)) throw new Error(`searchPosts answered without a posts array (${url.search})`);
    const descriptions = profiles ? await profiles.describe(ctx, body.posts) : undefined;
    const page: SearchPage = { posts: [], errors: [], nextCursor: body.cursor || undefined };
    for (const item of body.posts) {
      const mapped = postViewToPost(item, name, descriptions);
      if ('error' in mapped) page.errors.push({ reason: mapped.error, payload: item });
      else page.posts.push(mapped.post);
      const at = sortAtOf(item);
      if (at && (!page.newest || at > page.newest)) page.newest = at;
      if (at && (!page.oldest || at < page.oldest)) page.oldest = at;
    }
    return page;
  }

  /** Walks one query from the newest posts down to its mark, resuming an unfinished walk first. */
  async function* pollQuery(ctx: PollContext, state: SearchCursor, query: string): AsyncGenerator<SourcePage> {
    let requests = 0;
    while (requests < options.pageLimit) {
      const resumed = state[query]!.walk;
      const since = state[query]!.mark;
      let top = resumed?.top;
      let apiCursor: string | undefined;
      for (;;) {
        // A cursor pages within the same query, so a resumed walk keeps its `until` on every page.
        const page = await fetchPage(ctx, { q: query, since, until: resumed?.until, cursor: apiCursor });
        requests++;
        if (page.newest && (!top || page.newest > top)) top = page.newest;
        // `since` is inclusive, so an item older than it means the server ignored it: stop there too.
        const reachedMark = page.posts.length + page.errors.length === 0 || !page.nextCursor || (page.oldest !== undefined && page.oldest < since);
        if (reachedMark) {
          state[query] = { mark: top && top > since ? top : since };
        } else {
          // `until` is exclusive; a millisecond past the oldest item repeats it (deduped) rather than skip its twins.
          const until = new Date(Date.parse(page.oldest ?? top ?? since) + 1).toISOString();
          state[query] = { mark: since, walk: { top: top ?? since, until } };
        }
        yield { posts: page.posts, errors: page.errors, cursor: JSON.stringify(state) };
        if (reachedMark) break;
        if (requests >= options.pageLimit) return;
        apiCursor = page.nextCursor;
      }
      // A finished fresh walk means the query is caught up; a finished resumed walk leaves newer posts to fetch.
      if (!resumed) return;
    }
  }

  return {
    name,
    intervalMinutes: options.intervalMinutes,
    async *poll(ctx) {
      const state = parseCursor(ctx.cursor);
      const firstMark = new Date(Date.now() - lookbackMs).toISOString();
      for (const query of options.queries) {
        state[query] ??= { mark: firstMark };
        yield* pollQuery(ctx, state, query);
      }
    },
    async *backfill(ctx, window: BackfillWindow) {
      for (const query of options.queries) {
        let apiCursor: string | undefined;
        for (let requests = 0; requests < backfillPageLimit; requests++) {
          const page = await fetchPage(ctx, { q: query, since: window.from.toISOString(), until: window.to.toISOString(), cursor: apiCursor });
          yield { posts: page.posts, errors: page.errors };
          if (page.posts.length + page.errors.length === 0 || !page.nextCursor) break;
          apiCursor = page.nextCursor;
        }
      }
    },
  };
}

function parseCursor(cursor: string | undefined): SearchCursor {
  if (!cursor) return {};
  try {
    const parsed = JSON.parse(cursor) as Record<string, Partial<QueryState>>;
    // Keep only well-formed entries: a damaged one restarts its query from the lookback.
    return Object.fromEntries(Object.entries(parsed ?? {}).filter(([, s]) => typeof s?.mark === 'string')) as SearchCursor;
  } catch {
    return {};
  }
}
