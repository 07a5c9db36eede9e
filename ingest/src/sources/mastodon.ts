/**
 * Mastodon public hashtag timelines (/api/v1/timelines/tag/:hashtag, no key), one source per
 * instance. A poll walks forward from the newest status seen per tag with `min_id`, following
 * the Link header's rel="prev"; a backfill walks back with rel="next" (`max_id`) to the window.
 */
import type { PoliteHttpOptions } from '../http/polite-http.ts';
import { compareIds, parseLinkHeader, statusToPost } from './mastodon-status.ts';
import type { BackfillWindow, PollContext, Source, SourcePage } from './source.ts';

export const MASTODON_DEFAULTS = {
  instances: ['https://mastodon.social'],
  tags: ['tiktokban', 'tiktok', 'savetiktok', 'tiktokrefugee', 'rednote', 'xiaohongshu'],
  intervalMinutes: 10,
  pageLimit: 10,
  /** The most a timeline page holds. */
  pageSize: 40,
  backfillPageLimit: 200,
} as const;

/** mastodon.social lets an address make 300 requests per 5 minutes; we use a tenth. */
export const MASTODON_HTTP: Omit<PoliteHttpOptions, 'userAgent'> = {
  concurrency: 1,
  requestsPerMinute: 30,
  attempts: 4,
  baseDelayMs: 2000,
  maxDelayMs: 60_000,
};

export interface MastodonOptions {
  /** Defaults to mastodon-<instance host>. */
  name?: string;
  /** Base URL of the instance, e.g. https://mastodon.social. */
  instance: string;
  tags: readonly string[];
  intervalMinutes: number;
  /** Most requests per tag in one poll. */
  pageLimit: number;
  pageSize?: number;
  backfillPageLimit?: number;
}

/** The newest status id collected, per tag. */
type TagCursor = Record<string, string>;

export function mastodonSourceName(instance: string): string {
  return `mastodon-${new URL(instance).hostname.toLowerCase()}`;
}

export function createMastodonSource(options: MastodonOptions): Source {
  const base = new URL(options.instance);
  const name = options.name ?? mastodonSourceName(options.instance);
  const pageSize = String(Math.min(40, Math.max(1, options.pageSize ?? MASTODON_DEFAULTS.pageSize)));
  const backfillPageLimit = options.backfillPageLimit ?? MASTODON_DEFAULTS.backfillPageLimit;

  const timelineUrl = (tag: string, params: Record<string, string> = {}) => {
    const url = new URL(`/api/v1/timelines/tag/${encodeURIComponent(tag.replace(/^#/, ''))}`, base);
    for (const [key, value] of Object.entries({ limit: pageSize, ...params })) url.searchParams.set(key, value);
    return url;
  };

  /** A Link target, only if it stays on this instance: a header must not send us elsewhere. */
  const followable = (link: string | undefined): URL | undefined => {
    if (!link) return undefined;
    try {
      const url = new URL(link, base);
      return url.origin === base.origin ? url : undefined;
    } catch {
      return undefined;
    }
  };

  async function fetchPage(ctx: PollContext, url: URL) {
    const { body, headers } = await ctx.http.getJson<unknown>(url, ctx.signal);
    if (!Array.isArray(body)) throw new Error(`${url.pathname} answered with something other than a list of statuses`);
    const links = parseLinkHeader(headers.get('link'));
    const page: Required<Pick<SourcePage, 'posts' | 'errors'>> & { newestId?: string; oldestAt?: number } = { posts: [], errors: [] };
    for (const status of body) {
      const mapped = statusToPost(status, name, base.hostname);
      const id = (status as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && /^\d+$/.test(id) && (!page.newestId || compareIds(id, page.newestId) > 0)) page.newestId = id;
      if ('error' in mapped) page.errors.push({ reason: mapped.error, payload: status });
      if (!('post' in mapped)) continue;
      page.posts.push(mapped.post);
      const at = Date.parse(String(mapped.post.created_at));
      if (!Number.isNaN(at) && (page.oldestAt === undefined || at < page.oldestAt)) page.oldestAt = at;
    }
    return { page, count: body.length, next: followable(links.next), prev: followable(links.prev) };
  }

  return {
    name,
    intervalMinutes: options.intervalMinutes,
    async *poll(ctx) {
      const cursor = parseCursor(ctx.cursor);
      for (const tag of options.tags) {
        // First poll of a tag: only its newest page, to set the mark; history is for backfill.
        const seeded = cursor[tag] !== undefined;
        let url: URL | undefined = seeded ? timelineUrl(tag, { min_id: cursor[tag]! }) : timelineUrl(tag);
        for (let requests = 0; url && requests < options.pageLimit; requests++) {
          const { page, count, prev } = await fetchPage(ctx, url);
          if (page.newestId && (!cursor[tag] || compareIds(page.newestId, cursor[tag]) > 0)) cursor[tag] = page.newestId;
          yield { posts: page.posts, errors: page.errors, cursor: JSON.stringify(cursor) };
          if (count === 0 || !seeded) break;
          // min_id pages forward in time; rel="prev" carries the newest id of this page.
          url = prev ?? (page.newestId ? timelineUrl(tag, { min_id: page.newestId }) : undefined);
        }
      }
    },
    async *backfill(ctx, window: BackfillWindow) {
      const from = window.from.getTime();
      const to = window.to.getTime();
      for (const tag of options.tags) {
        let url: URL | undefined = timelineUrl(tag);
        for (let requests = 0; url && requests < backfillPageLimit; requests++) {
          const { page, count, next } = await fetchPage(ctx, url);
          const inWindow = page.posts.filter((p) => {
            const at = Date.parse(String(p.created_at));
            return at >= from && at < to;
          });
          yield { posts: inWindow, errors: page.errors };
          if (count === 0 || (page.oldestAt !== undefined && page.oldestAt < from)) break;
          url = next;
        }
      }
    },
  };
}

function parseCursor(cursor: string | undefined): TagCursor {
  if (!cursor) return {};
  try {
    const parsed = JSON.parse(cursor) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed ?? {}).filter(([, id]) => typeof id === 'string' && /^\d+$/.test(id))) as TagCursor;
  } catch {
    return {};
  }
}
