/**
 * Bluesky records as canonical posts: the AppView's PostView (from app.bsky.feed.searchPosts)
 * and Jetstream's commit events. Each mapper returns a post or the reason it could not make one,
 * so a malformed item becomes a dead letter, never a crash.
 */
import type { PostInput } from '@rift/core';
import { embedContext, expandLinkFacets, linkCard } from './bluesky-text.ts';

export const POST_COLLECTION = 'app.bsky.feed.post';

/** Hosting providers' shared handle domains: a handle under them says nothing about the owner. */
const SHARED_HANDLE_DOMAINS = ['bsky.social', 'bsky.app', 'bsky.team', 'brid.gy'];

export type Mapped = { post: PostInput } | { error: string };

/** The record key, the last part of `at://<did>/app.bsky.feed.post/<rkey>`. */
export function rkeyOf(uri: string): string | undefined {
  const match = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)$/.exec(uri);
  return match?.[2];
}

/** The public web address of a post; bsky.app accepts a handle or a DID in the profile part. */
export function postWebUrl(actor: string, rkey: string): string {
  return `https://bsky.app/profile/${encodeURIComponent(actor)}/post/${encodeURIComponent(rkey)}`;
}

/**
 * A Bluesky handle is a domain whose owner proved control of it (DNS or well-known file), so a
 * handle like `commerce.senate.gov` is a verified domain; handles under a shared host are not.
 */
export function verifiedDomainOf(handle: string): string {
  const h = handle.trim().toLowerCase();
  if (!h.includes('.') || h === 'handle.invalid') return '';
  if (SHARED_HANDLE_DOMAINS.some((shared) => h === shared || h.endsWith(`.${shared}`))) return '';
  return h;
}

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asCount = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0);
const firstLang = (langs: unknown): string => (Array.isArray(langs) && typeof langs[0] === 'string' ? langs[0] : '');

/**
 * The at-uri of the post a record quotes: `app.bsky.embed.record` holds a strong ref
 * {uri, cid}, `recordWithMedia` nests that embed under `record`. Quotes of feeds or lists are
 * not posts and give none.
 */
export function quotedPostUri(embed: unknown): string | undefined {
  const ref = asObject(asObject(embed)?.record);
  const uri = asString(ref?.uri) ?? asString(asObject(ref?.record)?.uri);
  return uri && rkeyOf(uri) ? uri : undefined;
}

/**
 * When search ranks a post: searchPosts' since/until filter on `sortAt`, the earlier of the
 * record's createdAt and the AppView's indexedAt (a client clock in the future cannot jump ahead).
 */
export function sortAtOf(view: unknown): string | undefined {
  const v = asObject(view);
  const created = Date.parse(asString(asObject(v?.record)?.createdAt) ?? '');
  const indexed = Date.parse(asString(v?.indexedAt) ?? '');
  const ms = [created, indexed].filter((n) => !Number.isNaN(n));
  return ms.length ? new Date(Math.min(...ms)).toISOString() : undefined;
}

/** A PostView as a post. `descriptions` holds profile texts by DID, which PostView's author lacks. */
export function postViewToPost(view: unknown, source: string, descriptions: ReadonlyMap<string, string> = new Map()): Mapped {
  const v = asObject(view);
  const uri = asString(v?.uri);
  const author = asObject(v?.author);
  const record = asObject(v?.record);
  const handle = asString(author?.handle);
  const did = asString(author?.did);
  const rkey = uri ? rkeyOf(uri) : undefined;
  const missing = [
    !uri && 'uri',
    uri && !rkey && 'a post uri (at://did/app.bsky.feed.post/rkey)',
    !handle && 'author.handle',
    !did && 'author.did',
    typeof record?.text !== 'string' && 'record.text',
    !asString(record?.createdAt) && 'record.createdAt',
  ].filter(Boolean);
  if (missing.length) return { error: `Bluesky post view is missing ${missing.join(', ')}` };
  return {
    post: {
      source,
      id: uri!,
      url: postWebUrl(handle!, rkey!),
      author: {
        handle: handle!,
        name: asString(author?.displayName) ?? '',
        description: asString(author?.description) ?? descriptions.get(did!) ?? '',
        verified_domain: verifiedDomainOf(handle!),
      },
      created_at: asString(record!.createdAt)!,
      text: authorText(record!),
      // The view's embed has the quoted post's text; the record's has only its URI.
      context_text: embedContext(v!.embed ?? record!.embed),
      lang_hint: firstLang(record!.langs),
      // A quote is a repost with words: both spread the post.
      engagement: { likes: asCount(v!.likeCount), reposts: asCount(v!.repostCount) + asCount(v!.quoteCount), replies: asCount(v!.replyCount) },
      raw: view,
    },
  };
}

/** What a Jetstream event is, for the connector: a new post, something to skip, or a broken event. */
export type JetstreamItem = { timeUs: number } & ({ post: PostInput; quoted?: string } | { skip: true } | { error: string });

/**
 * One Jetstream event. Only creates of app.bsky.feed.post become posts; identity and account
 * events, other collections, updates and deletes are skipped. Jetstream carries no handle, so
 * the author is known by DID.
 */
export function jetstreamEventToItem(event: unknown, source: string): JetstreamItem | { error: string; timeUs?: undefined } {
  const e = asObject(event);
  const timeUs = e?.time_us;
  if (typeof timeUs !== 'number' || !Number.isSafeInteger(timeUs)) return { error: 'Jetstream event has no numeric time_us' };
  if (e!.kind !== 'commit') return { timeUs, skip: true };
  const commit = asObject(e!.commit);
  if (commit?.collection !== POST_COLLECTION || commit.operation !== 'create') return { timeUs, skip: true };
  const did = asString(e!.did);
  const rkey = asString(commit.rkey);
  const record = asObject(commit.record);
  const missing = [
    !did && 'did',
    !rkey && 'commit.rkey',
    typeof record?.text !== 'string' && 'commit.record.text',
    !asString(record?.createdAt) && 'commit.record.createdAt',
  ].filter(Boolean);
  if (missing.length) return { timeUs, error: `Jetstream post event is missing ${missing.join(', ')}` };
  return {
    timeUs,
    post: {
      source,
      id: `at://${did}/${POST_COLLECTION}/${rkey}`,
      url: postWebUrl(did!, rkey!),
      author: { handle: did!, name: '', description: '', verified_domain: '' },
      created_at: asString(record!.createdAt)!,
      text: authorText(record!),
      context_text: embedContext(record!.embed),
      lang_hint: firstLang(record!.langs),
      raw: event,
    },
    // Only the quoted post's address is in the record; the connector fetches its text.
    quoted: quotedPostUri(record!.embed),
  };
}

/**
 * The author's words with links in full. A post of nothing but a link card has empty text; the
 * link the author shared stands for it (the card's own words go to context_text).
 */
function authorText(record: Record<string, unknown>): string {
  const text = expandLinkFacets(record.text as string, record.facets);
  return text.trim() ? text : (linkCard(record.embed)?.uri ?? text);
}
