/**
 * A loopback stand-in for the Bluesky AppView's app.bsky.feed.searchPosts and
 * app.bsky.actor.getProfiles, following their lexicons: searchPosts takes q, sort (latest|top),
 * since (inclusive) and until (exclusive) on the post's sortAt, limit (1-100, default 25) and an
 * opaque cursor, and answers { cursor?, hitsTotal?, posts: PostView[] }; errors are XRPC's
 * { error, message }. Tests script faults per request: 429 with Retry-After, 5xx, 4xx, a body
 * cut off mid-JSON, and results that shift between pages so an item repeats.
 */
import { jsonReply, startFixtureServer, timedRequest, type FixtureReply, type FixtureServer, type TimedRequest } from '@rift/testing/fixture-server';

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

export interface BlueskySearchFixture extends FixtureServer<TimedRequest> {
  /** Post views the search serves; tests may add more between runs. */
  posts: Array<Record<string, unknown>>;
  /** Fault for the n-th searchPosts request (1-based), if any. */
  plan: (n: number) => Fault | undefined;
  /** When true, each page after the first repeats the previous page's last item. */
  shiftPages: boolean;
  searches(): TimedRequest[];
}

const sortAt = (view: Record<string, unknown>): string => {
  const created = (view.record as { createdAt?: string } | undefined)?.createdAt;
  const indexed = view.indexedAt as string;
  return created && created < indexed ? created : indexed;
};

/** An XRPC error, shaped as the AppView sends them. */
const xrpcError = (status: number, error: string, message: string, headers: Record<string, string> = {}) => jsonReply(status, { error, message }, headers);

function faultReply(fault: Fault): FixtureReply {
  if ('truncate' in fault) return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"posts":[{"uri":"at://did:plc:cut/app.bsky.feed.post/1","aut' };
  return xrpcError(fault.status, fault.error ?? 'InternalServerError', `scripted HTTP ${fault.status}`, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
}

export async function startBlueskySearchFixture(options: { posts?: Array<Record<string, unknown>>; profiles?: FixtureAuthor[] } = {}): Promise<BlueskySearchFixture> {
  const profiles = new Map((options.profiles ?? []).map((p) => [p.did, p]));
  let searchCount = 0;

  const search = (params: URLSearchParams): FixtureReply => {
    const q = params.get('q');
    if (!q) return xrpcError(400, 'InvalidRequest', 'Error: Params must have the property "q"');
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
    return jsonReply(200, { ...more, hitsTotal: hits.length, posts: page });
  };

  const getProfiles = (params: URLSearchParams): FixtureReply => {
    const actors = params.getAll('actors');
    if (actors.length === 0 || actors.length > 25) return xrpcError(400, 'InvalidRequest', 'actors must have 1 to 25 items');
    const found = actors.flatMap((did) => {
      const p = profiles.get(did);
      return p ? [{ ...p, followersCount: 10, followsCount: 5, postsCount: 20, indexedAt: '2024-01-01T00:00:00.000Z' }] : [];
    });
    return jsonReply(200, { profiles: found });
  };

  const answer = (url: URL): FixtureReply => {
    if (url.pathname === '/xrpc/app.bsky.feed.searchPosts') {
      const fault = fixture.plan(++searchCount);
      return fault ? faultReply(fault) : search(url.searchParams);
    }
    if (url.pathname === '/xrpc/app.bsky.actor.getProfiles') return getProfiles(url.searchParams);
    return xrpcError(501, 'MethodNotImplemented', `${url.pathname} is not served by this fixture`);
  };

  const fixture: BlueskySearchFixture = Object.assign(await startFixtureServer(answer, { log: timedRequest }), {
    posts: [...(options.posts ?? [])],
    plan: () => undefined,
    shiftPages: false,
    searches: () => fixture.requests.filter((r) => r.path.endsWith('searchPosts')),
  });
  return fixture;
}
