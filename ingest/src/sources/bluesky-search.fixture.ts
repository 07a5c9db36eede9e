/**
 * A loopback stand-in for the Bluesky AppView's app.bsky.feed.searchPosts and
 * app.bsky.actor.getProfiles, following their lexicons: searchPosts takes q, sort (latest|top),
 * since (inclusive) and until (exclusive) on the post's sortAt, limit (1-100, default 25) and an
 * opaque cursor, and answers { cursor?, hitsTotal?, posts: PostView[] }; errors are XRPC's
 * { error, message }. Tests script faults per request: 429 with Retry-After, 5xx, 4xx, a body
 * cut off mid-JSON, and results that shift between pages so an item repeats.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureAuthor {
  did: string;
  handle: string;
  displayName?: string;
  description?: string;
}

export interface PostViewSpec {
  author: FixtureAuthor;
  rkey: string;
  text: string;
  createdAt: string;
  langs?: string[];
  likes?: number;
}

/** A PostView shaped as app.bsky.feed.defs#postView documents it. */
export function postView(spec: PostViewSpec): Record<string, unknown> {
  const { description: _profileOnly, ...basic } = spec.author;
  return {
    uri: `at://${spec.author.did}/app.bsky.feed.post/${spec.rkey}`,
    cid: `bafyrei${spec.rkey.padEnd(52, 'a').slice(0, 52)}`,
    author: { ...basic, avatar: `https://cdn.bsky.app/img/avatar/plain/${spec.author.did}/x@jpeg`, labels: [], createdAt: '2023-04-01T00:00:00.000Z' },
    record: { $type: 'app.bsky.feed.post', text: spec.text, createdAt: spec.createdAt, langs: spec.langs ?? ['en'] },
    replyCount: 1,
    repostCount: 2,
    likeCount: spec.likes ?? 3,
    quoteCount: 0,
    indexedAt: spec.createdAt,
    labels: [],
  };
}

export type Fault =
  | { status: number; retryAfter?: string; error?: string }
  /** A 200 whose JSON body stops halfway. */
  | { truncate: true };

export interface RecordedRequest {
  path: string;
  params: URLSearchParams;
  at: number;
}

export interface BlueskySearchFixture {
  url: string;
  requests: RecordedRequest[];
  /** Post views the search serves; tests may add more between runs. */
  posts: Array<Record<string, unknown>>;
  /** Fault for the n-th searchPosts request (1-based), if any. */
  plan: (n: number) => Fault | undefined;
  /** When true, each page after the first repeats the previous page's last item. */
  shiftPages: boolean;
  searches(): RecordedRequest[];
  close(): Promise<void>;
}

const sortAt = (view: Record<string, unknown>): string => {
  const created = (view.record as { createdAt?: string } | undefined)?.createdAt;
  const indexed = view.indexedAt as string;
  return created && created < indexed ? created : indexed;
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export async function startBlueskySearchFixture(options: { posts?: Array<Record<string, unknown>>; profiles?: FixtureAuthor[] } = {}): Promise<BlueskySearchFixture> {
  const profiles = new Map((options.profiles ?? []).map((p) => [p.did, p]));
  let searchCount = 0;
  const fixture: BlueskySearchFixture = {
    url: '',
    requests: [],
    posts: [...(options.posts ?? [])],
    plan: () => undefined,
    shiftPages: false,
    searches: () => fixture.requests.filter((r) => r.path.endsWith('searchPosts')),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };

  const search = (params: URLSearchParams, res: ServerResponse) => {
    const q = params.get('q');
    if (!q) return send(res, 400, { error: 'InvalidRequest', message: 'Error: Params must have the property "q"' });
    const limit = Math.min(100, Math.max(1, Number(params.get('limit') ?? 25)));
    const since = params.get('since');
    const until = params.get('until');
    const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
    const hits = fixture.posts
      .filter((v) => {
        const text = String((v.record as { text?: unknown } | undefined)?.text ?? '').toLowerCase();
        const at = sortAt(v);
        return terms.every((t) => text.includes(t)) && (!since || at >= since) && (!until || at < until);
      })
      .sort((a, b) => (sortAt(a) < sortAt(b) ? 1 : -1));
    const offset = Number(params.get('cursor') ?? 0);
    const start = fixture.shiftPages && offset > 0 ? offset - 1 : offset;
    const page = hits.slice(start, start + limit);
    // A full page may have more after it; like the real service, the page after the last full one is empty.
    const more = page.length === limit ? { cursor: String(start + limit) } : {};
    send(res, 200, { ...more, hitsTotal: hits.length, posts: page });
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    fixture.requests.push({ path: url.pathname, params: url.searchParams, at: Date.now() });
    if (url.pathname === '/xrpc/app.bsky.feed.searchPosts') {
      const fault = fixture.plan(++searchCount);
      if (fault && 'truncate' in fault) {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        return res.end('{"posts":[{"uri":"at://did:plc:cut/app.bsky.feed.post/1","aut');
      }
      if (fault) {
        const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
        return send(res, fault.status, { error: fault.error ?? 'InternalServerError', message: `scripted HTTP ${fault.status}` }, headers);
      }
      return search(url.searchParams, res);
    }
    if (url.pathname === '/xrpc/app.bsky.actor.getProfiles') {
      const actors = url.searchParams.getAll('actors');
      if (actors.length === 0 || actors.length > 25) return send(res, 400, { error: 'InvalidRequest', message: 'actors must have 1 to 25 items' });
      const found = actors.flatMap((did) => {
        const p = profiles.get(did);
        return p ? [{ ...p, followersCount: 10, followsCount: 5, postsCount: 20, indexedAt: '2024-01-01T00:00:00.000Z' }] : [];
      });
      return send(res, 200, { profiles: found });
    }
    send(res, 501, { error: 'MethodNotImplemented', message: `${url.pathname} is not served by this fixture` });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  fixture.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fixture;
}
