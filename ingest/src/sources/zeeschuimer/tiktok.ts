/**
 * TikTok videos and comments as Zeeschuimer captures them. Videos come from the web API
 * (`itemList`, `author` an object with `uniqueId`) or from JSON embedded in the page (SIGI_STATE's
 * ItemModule: `author` is the handle and `nickname` sits beside it). Comments come from the
 * comment API (`cid`, snake_case). Live streams are not posts.
 */
import type { Draft, MapResult } from './draft.ts';
import { countAt, instantFrom, isObject, namesIn, objectAt, textAt, withHashtags, type Json } from './item-fields.ts';

const SITE = 'https://www.tiktok.com';

function videoUrl(handle: string | undefined, id: string | undefined): string {
  if (!id) return '';
  // TikTok redirects any handle to the right one, but without one the link does not resolve.
  return `${SITE}/@${encodeURIComponent(handle ?? '_')}/video/${encodeURIComponent(id)}`;
}

export function isTikTokComment(data: Json): boolean {
  return 'cid' in data && 'aweme_id' in data;
}

export function mapTikTokVideo(data: Json): MapResult {
  if ('liveRoomInfo' in data) return { stub: 'TikTok live stream, not a post' };
  const fromApi = isObject(data.author);
  const author = fromApi ? (data.author as Json) : undefined;
  const handle = fromApi ? textAt(author, 'uniqueId') : textAt(data, 'author');
  const stats = objectAt(data, 'stats') ?? objectAt(data, 'statsV2');
  const id = textAt(data, 'id');
  const text = withHashtags(textAt(data, 'desc') ?? '', namesIn(data.textExtra, 'hashtagName'));
  if (!text) return { stub: `TikTok video${id ? ` ${id}` : ''} without a caption` };
  const draft: Draft = {
    id,
    url: videoUrl(handle, id),
    text,
    created_at: instantFrom(data.createTime),
    author: {
      handle,
      name: fromApi ? textAt(author, 'nickname') : textAt(data, 'nickname'),
      description: fromApi ? textAt(author, 'signature') : undefined,
    },
    likes: countAt(stats, 'diggCount'),
    reposts: countAt(stats, 'shareCount'),
    replies: countAt(stats, 'commentCount'),
    lang_hint: textAt(data, 'textLanguage'),
  };
  return { draft };
}

export function mapTikTokComment(data: Json): MapResult {
  const user = objectAt(data, 'user');
  const text = textAt(data, 'text');
  if (!text) return { stub: 'TikTok comment without text (a sticker only)' };
  const share = objectAt(data, 'share_info');
  const draft: Draft = {
    id: textAt(data, 'cid'),
    url: textAt(share, 'url') ?? videoUrl(undefined, textAt(data, 'aweme_id')),
    text,
    created_at: instantFrom(data.create_time),
    author: { handle: textAt(user, 'unique_id'), name: textAt(user, 'nickname'), description: textAt(user, 'signature') },
    likes: countAt(data, 'digg_count'),
    reposts: 0,
    replies: countAt(data, 'reply_comment_total'),
    lang_hint: textAt(data, 'comment_language'),
  };
  return { draft };
}
