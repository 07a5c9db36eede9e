import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the HN Search API by Algolia, from its documentation:
 * `GET /api/v1/search_by_date?query=&tags=&numericFilters=&hitsPerPage=&page=`, newest first,
 * pages numbered from 0, answering `{ hits, nbHits, page, nbPages, hitsPerPage, ... }`.
 * Tags: `story`, `comment`, or an OR list `(story,comment)`; numericFilters: comma-separated
 * conditions on `created_at_i` with <, <=, >, >=, =.
 */
export type HnHit = Record<string, unknown> & { objectID?: string; created_at_i?: number; _tags?: string[] };

export interface FixtureReply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface HackerNewsFixture {
  baseUrl: string;
  requests: URL[];
  /** Every item the index holds, in any order. */
  hits: HnHit[];
  interceptors: Array<(url: URL) => FixtureReply | undefined>;
  close(): Promise<void>;
}

export async function startHackerNewsFixture(): Promise<HackerNewsFixture> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    fixture.requests.push(url);
    for (const intercept of fixture.interceptors) {
      const reply = intercept(url);
      if (reply) return send(res, reply.status, reply.headers ?? {}, reply.body);
    }
    if (url.pathname !== '/api/v1/search_by_date') return send(res, 404, {}, '{"message":"Not Found","status":404}');
    send(res, 200, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(search(fixture.hits, url)));
  });
  const fixture: HackerNewsFixture = {
    baseUrl: '',
    requests: [],
    hits: [],
    interceptors: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  fixture.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fixture;
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
  return {
    hits: matching.slice(page * hitsPerPage, (page + 1) * hitsPerPage),
    nbHits: matching.length,
    page,
    nbPages: Math.ceil(matching.length / hitsPerPage),
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

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
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
  tooMany: (retryAfterSeconds: number): FixtureReply => ({ status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body: '{"message":"Too many requests","status":429}' }),
  serverError: (): FixtureReply => ({ status: 502, body: 'Bad Gateway' }),
  badRequest: (): FixtureReply => ({ status: 400, body: '{"message":"invalid numericFilters","status":400}' }),
  truncated: (): FixtureReply => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"hits":[{"objectID":"4' }),
};

/** Answers the next `count` requests that match `when` with `reply`. */
export function times(count: number, reply: FixtureReply, when: (url: URL) => boolean = () => true) {
  let left = count;
  return (url: URL): FixtureReply | undefined => {
    if (left <= 0 || !when(url)) return undefined;
    left--;
    return reply;
  };
}
