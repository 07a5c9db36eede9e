import { jsonReply, startFixtureServer, tooManyRequests, type FixtureReply, type FixtureServer } from '@rift/testing/fixture-server';

/**
 * A loopback stand-in for the HN Search API by Algolia, from its documentation:
 * `GET /api/v1/search_by_date?query=&tags=&numericFilters=&hitsPerPage=&page=`, newest first,
 * pages numbered from 0, answering `{ hits, nbHits, page, nbPages, hitsPerPage, ... }`.
 * Tags: `story`, `comment`, or an OR list `(story,comment)`; numericFilters: comma-separated
 * conditions on `created_at_i` with <, <=, >, >=, =.
 */
export type HnHit = Record<string, unknown> & { objectID?: string; created_at_i?: number; _tags?: string[] };

export interface HackerNewsFixture extends FixtureServer {
  /** Every item the index holds, in any order. */
  hits: HnHit[];
}

export async function startHackerNewsFixture(): Promise<HackerNewsFixture> {
  const hits: HnHit[] = [];
  const server = await startFixtureServer((url) =>
    url.pathname === '/api/v1/search_by_date' ? jsonReply(200, search(hits, url)) : { status: 404, body: '{"message":"Not Found","status":404}' },
  );
  return Object.assign(server, { hits });
}

function search(all: HnHit[], url: URL) {
  const query = (url.searchParams.get('query') ?? '').toLowerCase();
  const tags = (url.searchParams.get('tags') ?? '').replace(/[()]/g, '').split(',').filter(Boolean);
  const filters = (url.searchParams.get('numericFilters') ?? '').split(',').filter(Boolean).map(parseFilter);
  const hitsPerPage = Math.min(1000, Number(url.searchParams.get('hitsPerPage') ?? 20));
  const page = Number(url.searchParams.get('page') ?? 0);
  const matching = all
    .filter((h) => !query || query.split(/\s+/).every((word) => searchable(h).includes(word)))
    .filter((h) => tags.length === 0 || tags.some((t) => h._tags?.includes(t)))
    .filter((h) => filters.every((f) => f(h)))
    .sort((a, b) => (b.created_at_i ?? 0) - (a.created_at_i ?? 0));
  // Algolia's paginationLimitedTo: hits past the first 1000 are never served, though nbHits counts them.
  const servable = matching.slice(0, 1000);
  return {
    hits: servable.slice(page * hitsPerPage, (page + 1) * hitsPerPage),
    nbHits: matching.length,
    page,
    nbPages: Math.ceil(servable.length / hitsPerPage),
    hitsPerPage,
    exhaustiveNbHits: true,
    query,
    params: url.search.slice(1),
    processingTimeMS: 1,
  };
}

function searchable(hit: HnHit): string {
  return ['title', 'story_text', 'comment_text', 'story_title'].map((k) => String(hit[k] ?? '')).join(' ').toLowerCase();
}

function parseFilter(condition: string): (hit: HnHit) => boolean {
  const m = /^(\w+)(<=|>=|<|>|=)(-?\d+)$/.exec(condition.trim());
  if (!m) throw new Error(`bad numeric filter ${condition}`);
  const [, field, op, raw] = m;
  const value = Number(raw);
  return (hit) => {
    const v = hit[field!];
    if (typeof v !== 'number') return false;
    return op === '<' ? v < value : op === '<=' ? v <= value : op === '>' ? v > value : op === '>=' ? v >= value : v === value;
  };
}

/** A story hit with the documented fields. */
export function hnStory(id: number, createdAtI: number, title: string, storyText: string | null = null): HnHit {
  return {
    objectID: String(id),
    created_at: new Date(createdAtI * 1000).toISOString(),
    created_at_i: createdAtI,
    title,
    url: `https://example.com/story/${id}`,
    author: `author${id}`,
    points: 12,
    story_text: storyText,
    comment_text: null,
    num_comments: 4,
    story_id: null,
    _tags: ['story', `author_author${id}`, `story_${id}`],
  };
}

/** A comment hit: comment_text is HTML, as Algolia serves it. */
export function hnComment(id: number, createdAtI: number, html: string, storyId = 1): HnHit {
  return {
    objectID: String(id),
    created_at: new Date(createdAtI * 1000).toISOString(),
    created_at_i: createdAtI,
    title: null,
    url: null,
    author: `commenter${id}`,
    points: null,
    story_text: null,
    comment_text: html,
    num_comments: null,
    story_id: storyId,
    story_title: 'The TikTok ban thread',
    _tags: ['comment', `author_commenter${id}`, `story_${storyId}`],
  };
}

export const replies = {
  tooMany: (retryAfterSeconds: number) => tooManyRequests(retryAfterSeconds, '{"message":"Too many requests","status":429}'),
  serverError: (): FixtureReply => ({ status: 502, body: 'Bad Gateway' }),
  badRequest: (): FixtureReply => ({ status: 400, body: '{"message":"invalid numericFilters","status":400}' }),
  truncated: (): FixtureReply => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"hits":[{"objectID":"4' }),
};
