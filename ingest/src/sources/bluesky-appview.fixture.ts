/**
 * A loopback Bluesky AppView for the two "get many" queries the Jetstream source makes, as their
 * lexicons define them: `GET /xrpc/app.bsky.actor.getProfiles?actors=..&actors=..` answers
 * `{profiles: [profileViewDetailed]}` and `GET /xrpc/app.bsky.feed.getPosts?uris=..&uris=..`
 * answers `{posts: [postView]}`. Each takes 1 to 25 keys (anything else is a 400 InvalidRequest)
 * and leaves out what it does not know, as the AppView does for a deleted post.
 */
import { jsonReply, startFixtureServer, type FixtureServer } from '@rift/testing/fixture-server';

export interface AppViewProfile {
  handle: string;
  displayName: string;
  description: string;
}

export interface AppViewPost {
  authorDid: string;
  handle: string;
  text: string;
  createdAt: string;
}

export interface AppViewData {
  /** The profile of a DID, or undefined for an actor the AppView does not know. */
  profile: (did: string) => AppViewProfile | undefined;
  /** Posts by at-uri; a uri not here is answered as deleted (left out). */
  posts: ReadonlyMap<string, AppViewPost>;
}

const MAX_KEYS = 25;

export function startAppViewFixture(data: AppViewData): Promise<FixtureServer> {
  return startFixtureServer((url) => {
    const method = url.pathname.replace(/^\/xrpc\//, '');
    const param = method === 'app.bsky.actor.getProfiles' ? 'actors' : method === 'app.bsky.feed.getPosts' ? 'uris' : undefined;
    if (!param) return jsonReply(404, { error: 'MethodNotImplemented', message: `Method Not Implemented: ${method}` });
    const keys = url.searchParams.getAll(param);
    if (keys.length < 1 || keys.length > MAX_KEYS) return jsonReply(400, { error: 'InvalidRequest', message: `${param} must have between 1 and ${MAX_KEYS} items` });
    if (param === 'actors') {
      const profiles = keys.flatMap((did) => {
        const p = data.profile(did);
        return p ? [{ did, handle: p.handle, displayName: p.displayName, description: p.description, followersCount: 0, postsCount: 0 }] : [];
      });
      return jsonReply(200, { profiles });
    }
    const posts = keys.flatMap((uri) => {
      const p = data.posts.get(uri);
      if (!p) return [];
      return [
        {
          uri,
          cid: 'bafyreifixturecid',
          author: { did: p.authorDid, handle: p.handle, displayName: '' },
          record: { $type: 'app.bsky.feed.post', text: p.text, createdAt: p.createdAt, langs: ['en'] },
          replyCount: 0,
          repostCount: 0,
          likeCount: 0,
          quoteCount: 0,
          indexedAt: p.createdAt,
        },
      ];
    });
    return jsonReply(200, { posts });
  });
}
