/**
 * Douyin videos as Zeeschuimer captures them: from the web API (`aweme_id`, snake_case,
 * `statistics`) or from JSON embedded in the page (`ZS_collected_from_embed`, camelCase,
 * `authorInfo` and `stats`). Live streams (`cell_room` / `rawdata`) are not posts.
 */
import type { Draft, MapResult } from './draft.ts';
import { countAt, instantFrom, namesIn, objectAt, textAt, withHashtags, type Json } from './item-fields.ts';

const isLiveStream = (data: Json) =>
  (data.cellRoom !== undefined && data.cellRoom !== '$undefined' && data.cellRoom !== null) || 'rawdata' in data || objectAt(data, 'cell_room') !== undefined;

export function mapDouyinVideo(data: Json): MapResult {
  if (isLiveStream(data)) return { stub: 'Douyin live stream, not a post' };
  const embedded = data.ZS_collected_from_embed === true;
  const author = objectAt(data, embedded ? 'authorInfo' : 'author');
  const stats = objectAt(data, embedded ? 'stats' : 'statistics');
  const id = textAt(data, embedded ? 'awemeId' : 'aweme_id');
  const tags = namesIn(data[embedded ? 'textExtra' : 'text_extra'], embedded ? 'hashtagName' : 'hashtag_name');
  const text = withHashtags(textAt(data, 'desc') ?? '', tags);
  if (!text) return { stub: `Douyin video${id ? ` ${id}` : ''} without a caption` };
  const draft: Draft = {
    id,
    url: id ? `https://www.douyin.com/video/${encodeURIComponent(id)}` : '',
    text,
    created_at: instantFrom(data[embedded ? 'createTime' : 'create_time']),
    author: {
      // Douyin shows no stable handle in these objects; the sec_uid is what its profile links use.
      handle: textAt(author, embedded ? 'secUid' : 'sec_uid') ?? textAt(author, 'uid'),
      name: textAt(author, 'nickname'),
      description: textAt(author, 'signature'),
    },
    likes: countAt(stats, embedded ? 'diggCount' : 'digg_count'),
    reposts: countAt(stats, embedded ? 'shareCount' : 'share_count'),
    replies: countAt(stats, embedded ? 'commentCount' : 'comment_count'),
  };
  return { draft };
}
