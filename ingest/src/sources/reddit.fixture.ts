import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for Reddit's public listings, written from the documented format:
 * `GET /search.json?q=&sort=new&limit=&after=` and `GET /r/<sub>/new.json`, answering
 * `{ kind: 'Listing', data: { after, before, children: [{ kind: 't3'|'t1', data }] } }`, newest
 * first, `after` = fullname of the page's last item (null on the last page), and the
 * X-Ratelimit-Used/Remaining/Reset headers (reset in seconds until the window ends).
 */
export interface RedditThing {
  kind: string;
  data: Record<string, unknown>;
}

/** A scripted answer that replaces the normal one (a 429, a 500, a cut-off body...). */
export interface FixtureReply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type Interceptor = (url: URL, requestNumber: number) => FixtureReply | undefined;

export interface RedditFixture {
  baseUrl: string;
  /** Every request's URL, in order. */
  requests: URL[];
  /** Listing contents by key: `search:<q>` or `r/<sub>`, newest first. */
  listings: Map<string, RedditThing[]>;
  /** Consulted in order before the normal answer; the first reply wins. */
  interceptors: Interceptor[];
  /** Requests left in the rate-limit window; at 0 the headers say remaining=0 and reset=resetSeconds. */
  rateLimit: { remaining: number; resetSeconds: number };
  close(): Promise<void>;
}

export async function startRedditFixture(): Promise<RedditFixture> {
  const fixture: RedditFixture = {
    baseUrl: '',
    requests: [],
    listings: new Map(),
    interceptors: [],
    rateLimit: { remaining: 1000, resetSeconds: 600 },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    fixture.requests.push(url);
    const used = fixture.requests.length;
    fixture.rateLimit.remaining = Math.max(0, fixture.rateLimit.remaining - 1);
    const limitHeaders = {
      'x-ratelimit-used': String(used),
      'x-ratelimit-remaining': String(fixture.rateLimit.remaining),
      'x-ratelimit-reset': String(fixture.rateLimit.resetSeconds),
    };
    for (const intercept of fixture.interceptors) {
      const reply = intercept(url, used);
      if (reply) return send(res, reply.status, { ...limitHeaders, ...reply.headers }, reply.body);
    }
    const key = listingKey(url);
    const items = key ? fixture.listings.get(key) : undefined;
    if (!items) return send(res, 404, limitHeaders, JSON.stringify({ message: 'Not Found', error: 404 }));
    send(res, 200, { ...limitHeaders, 'content-type': 'application/json; charset=UTF-8' }, JSON.stringify(page(items, url)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  fixture.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fixture;
}

function listingKey(url: URL): string | undefined {
  if (url.pathname === '/search.json') return `search:${url.searchParams.get('q') ?? ''}`;
  const sub = /^\/r\/([^/]+)\/new\.json$/.exec(url.pathname);
  return sub ? `r/${decodeURIComponent(sub[1]!)}` : undefined;
}

/** The slice after the `after` fullname, as Reddit pages: by anchor, not by offset. */
function page(items: RedditThing[], url: URL) {
  const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 25)));
  const after = url.searchParams.get('after');
  const start = after ? items.findIndex((t) => t.data.name === after) + 1 : 0;
  const children = start === 0 && after ? [] : items.slice(start, start + limit);
  const more = start + limit < items.length;
  const last = children.at(-1);
  return {
    kind: 'Listing',
    data: {
      after: more && last ? (last.data.name as string) : null,
      before: null,
      dist: children.length,
      modhash: '',
      children,
    },
  };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, headers);
  res.end(body);
}

let serial = 0;

/** A link post (t3) as Reddit serves it, with the documented fields. */
export function redditLink(id: string, createdUtc: number, title: string, selftext = '', subreddit = 'news'): RedditThing {
  serial++;
  return {
    kind: 't3',
    data: {
      id,
      name: `t3_${id}`,
      title,
      selftext,
      author: `user${serial}`,
      subreddit,
      created_utc: createdUtc,
      permalink: `/r/${subreddit}/comments/${id}/post/`,
      url: `https://www.reddit.com/r/${subreddit}/comments/${id}/post/`,
      score: 10 + serial,
      num_comments: 2,
    },
  };
}

/** A comment (t1) as Reddit serves it. */
export function redditComment(id: string, createdUtc: number, body: string, subreddit = 'news'): RedditThing {
  return {
    kind: 't1',
    data: { id, name: `t1_${id}`, body, author: 'commenter', subreddit, created_utc: createdUtc, permalink: `/r/${subreddit}/comments/x/post/${id}/`, score: -3 },
  };
}

/** The scripted faults the tests use. */
export const replies = {
  tooMany: (retryAfterSeconds: number): FixtureReply => ({ status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body: '{"message": "Too Many Requests", "error": 429}' }),
  serverError: (): FixtureReply => ({ status: 500, body: '<html><body>all good things must come to an end</body></html>' }),
  forbidden: (): FixtureReply => ({ status: 403, body: '{"reason": "private", "message": "Forbidden", "error": 403}' }),
  /** A body cut off mid-stream, as a dropped connection leaves it. */
  truncated: (): FixtureReply => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"kind": "Listing", "data": {"after": "t3_' }),
};

/** An interceptor that answers the next `times` matching requests with `reply`, then steps aside. */
export function times(count: number, reply: FixtureReply, when: (url: URL) => boolean = () => true): Interceptor {
  let left = count;
  return (url) => {
    if (left <= 0 || !when(url)) return undefined;
    left--;
    return reply;
  };
}
