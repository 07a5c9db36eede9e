/**
 * One Zeeschuimer export line to a canonical post: the envelope picks the platform, the item's
 * shape picks the mapper, and whatever the capture did not hold is listed in `missing_fields`
 * instead of being made up. The one stand-in is the time: an item without its own time (an HTML
 * tile) is dated by its capture, and `created_at` is listed as missing so nobody reads it as the
 * time of posting.
 */
import type { PostInput } from '@rift/core';
import type { Draft, MapResult } from './draft.ts';
import { mapDouyinVideo } from './douyin.ts';
import { readEnvelope, sourceOfPlatform, type Envelope, type ZeeschuimerSource } from './envelope.ts';
import { isRedNoteComment, mapRedNoteComment, mapRedNoteNote } from './rednote.ts';
import { isTikTokComment, mapTikTokComment, mapTikTokVideo } from './tiktok.ts';

export type ZeeschuimerItem = { post: PostInput } | { stub: string } | { error: string };

function mapperResult(source: ZeeschuimerSource, data: Envelope['data']): MapResult {
  switch (source) {
    case 'rednote':
      return isRedNoteComment(data) ? mapRedNoteComment(data) : mapRedNoteNote(data);
    case 'tiktok':
      return isTikTokComment(data) ? mapTikTokComment(data) : mapTikTokVideo(data);
    case 'douyin':
      return mapDouyinVideo(data);
  }
}

function missingFields(draft: Draft): string[] {
  const missing: string[] = [];
  if (!draft.created_at) missing.push('created_at');
  if (!draft.author.handle) missing.push('author.handle');
  if (!draft.author.name) missing.push('author.name');
  if (draft.likes === undefined) missing.push('engagement.likes');
  if (draft.reposts === undefined) missing.push('engagement.reposts');
  if (draft.replies === undefined) missing.push('engagement.replies');
  return [...missing, ...(draft.absent ?? [])];
}

/** Maps one parsed export line; the error or stub reason says what the line was. */
export function mapZeeschuimerLine(row: unknown): ZeeschuimerItem {
  const envelope = readEnvelope(row);
  if (!envelope) return { error: 'not a Zeeschuimer item (no envelope with source_platform, timestamp_collected and data)' };
  const source = sourceOfPlatform(envelope.source_platform);
  if (!source) return { error: `Zeeschuimer platform "${envelope.source_platform}" is not one Rift reads (RedNote, TikTok, Douyin)` };
  const result = mapperResult(source, envelope.data);
  if ('stub' in result) return result;
  const { draft } = result;
  if (!draft.id) return { error: `${source} item without an id` };
  const post: PostInput = {
    source,
    id: draft.id,
    url: draft.url,
    author: { handle: draft.author.handle, name: draft.author.name, description: draft.author.description },
    created_at: draft.created_at ?? new Date(envelope.timestamp_collected).toISOString(),
    text: draft.text,
    lang_hint: draft.lang_hint,
    engagement: { likes: draft.likes, reposts: draft.reposts, replies: draft.replies },
    missing_fields: missingFields(draft),
    raw: row,
  };
  return { post };
}
