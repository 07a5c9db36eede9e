import { jsonReply, startFixtureServer, tooManyRequests, type FixtureReply, type FixtureServer } from '@rift/testing/fixture-server';

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

export interface RedditFixture extends FixtureServer {
  /** Listing contents by key: `search:<q>` or `r/<sub>`, newest first. */
  listings: Map<string, RedditThing[]>;
  /** Requests left in the rate-limit window; at 0 the headers say remaining=0 and reset=resetSeconds. */
  rateLimit: { remaining: number; resetSeconds: number };
}

export async function startRedditFixture(): Promise<RedditFixture> {
  const listings: RedditFixture['listings'] = new Map();
  const answer = (url: URL): FixtureReply => {
    const key = listingKey(url);
    const items = key ? listings.get(key) : undefined;
    if (!items) return { status: 404, body: JSON.stringify({ message: 'Not Found', error: 404 }) };
    return jsonReply(200, page(items, url), { 'content-type': 'application/json; charset=UTF-8' });
  };
  const fixture: RedditFixture = Object.assign(await startFixtureServer(answer, { headers: () => spendRequest(fixture) }), {
    listings,
    rateLimit: { remaining: 1000, resetSeconds: 600 },
  });
  return fixture;
}

/** The rate-limit headers of one more request: every reply, scripted faults too, spends one, as Reddit counts. */
function spendRequest(fixture: RedditFixture): Record<string, string> {
  fixture.rateLimit.remaining = Math.max(0, fixture.rateLimit.remaining - 1);
  return {
    'x-ratelimit-used': String(fixture.requests.length),
    'x-ratelimit-remaining': String(fixture.rateLimit.remaining),
    'x-ratelimit-reset': String(fixture.rateLimit.resetSeconds),
  };
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
  tooMany: (retryAfterSeconds: number) => tooManyRequests(retryAfterSeconds, '{"message": "Too Many Requests", "error": 429}'),
  serverError: (): FixtureReply => ({ status: 500, body: '<html><body>all good things must come to an end</body></html>' }),
  forbidden: (): FixtureReply => ({ status: 403, body: '{"reason": "private", "message": "Forbidden", "error": 403}' }),
  /** A body cut off mid-stream, as a dropped connection leaves it. */
  truncated: (): FixtureReply => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"kind": "Listing", "data": {"after": "t3_' }),
};
