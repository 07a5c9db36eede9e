/**
 * RedNote (Xiaohongshu) notes and comments as Zeeschuimer captures them. Notes come by three
 * paths, as its module and 4CAT's importer describe: the web API's search and explore results
 * (`note_card`, snake_case), the page's embedded `__INITIAL_STATE__` (`note`, camelCase) and,
 * when neither is there, tiles read from the page's HTML (`_zs-origin: html`: title, author
 * name and likes only). Items without any of these are thumbnail stubs.
 */
import type { Draft, MapResult } from './draft.ts';
import { joinText } from '../../html-text.ts';
import { countAt, instantFrom, isObject, namesIn, objectAt, textAt, withHashtags, type Json } from './item-fields.ts';

const SITE = 'https://www.xiaohongshu.com';

/** Permalinks need the item's xsec_token, or RedNote answers 404. */
function noteUrl(id: string | undefined, token: string | undefined): string {
  if (!id) return '';
  return `${SITE}/explore/${encodeURIComponent(id)}${token ? `?xsec_token=${encodeURIComponent(token)}` : ''}`;
}

export function isRedNoteComment(data: Json): boolean {
  return 'sub_comment_count' in data && 'note_id' in data;
}

export function mapRedNoteComment(data: Json): MapResult {
  const user = objectAt(data, 'user_info');
  const content = textAt(data, 'content');
  if (!content) return { stub: 'RedNote comment without text (an image or sticker only)' };
  const draft: Draft = {
    id: textAt(data, 'id'),
    url: noteUrl(textAt(data, 'note_id'), undefined),
    text: content,
    created_at: instantFrom(data.create_time),
    author: { handle: textAt(user, 'user_id'), name: textAt(user, 'nickname') },
    likes: countAt(data, 'like_count'),
    // A comment cannot be shared on its own.
    reposts: 0,
    replies: countAt(data, 'sub_comment_count'),
  };
  return { draft };
}

export function mapRedNoteNote(data: Json): MapResult {
  if (data['_zs-origin'] === 'html') return fromHtml(data);
  const note = objectAt(data, 'note');
  if (note) return fromEmbedded(data, note);
  // Search and explore wrap the note in note_card; user pages list the card itself (note_id, user).
  const card = objectAt(data, 'note_card') ?? (isObject(data.user) ? data : undefined);
  if (!card || !isObject(card.user)) return { stub: `RedNote tile without post content (from ${describeKeys(data)})` };
  return fromApi(data, card);
}

function fromApi(data: Json, card: Json): MapResult {
  const user = objectAt(card, 'user');
  const counts = objectAt(card, 'interact_info');
  const id = textAt(data, 'id', 'note_id');
  const desc = textAt(card, 'desc');
  const draft: Draft = {
    id,
    url: noteUrl(id, textAt(data, 'xsec_token') ?? textAt(card, 'xsec_token')),
    text: withHashtags(joinText(textAt(card, 'display_title', 'title'), desc), namesIn(card.tag_list, 'name')),
    created_at: instantFrom(card.time),
    author: { handle: textAt(user, 'user_id', 'userId'), name: textAt(user, 'nickname', 'nick_name') },
    likes: countAt(counts, 'liked_count'),
    reposts: countAt(counts, 'shared_count', 'share_count'),
    replies: countAt(counts, 'comment_count'),
    // Search results carry the title only; a note's body comes with its own page.
    absent: 'desc' in card ? [] : ['body'],
  };
  return { draft };
}

function fromEmbedded(data: Json, note: Json): MapResult {
  const user = objectAt(note, 'user');
  const counts = objectAt(note, 'interactInfo') ?? objectAt(note, 'interact_info');
  const id = textAt(data, 'id') ?? textAt(note, 'noteId');
  const draft: Draft = {
    id,
    url: noteUrl(id, textAt(note, 'xsecToken')),
    text: withHashtags(joinText(textAt(note, 'title'), textAt(note, 'desc')), namesIn(note.tagList, 'name')),
    created_at: instantFrom(note.time),
    author: { handle: textAt(user, 'userId', 'user_id'), name: textAt(user, 'nickname') },
    likes: countAt(counts, 'likedCount', 'liked_count'),
    reposts: countAt(counts, 'shareCount', 'share_count'),
    replies: countAt(counts, 'commentCount', 'comment_count'),
    absent: 'desc' in note ? [] : ['body'],
  };
  return { draft };
}

function fromHtml(data: Json): MapResult {
  const href = textAt(data, 'url');
  const draft: Draft = {
    id: textAt(data, 'id'),
    url: href ? new URL(href, SITE).toString() : noteUrl(textAt(data, 'id'), undefined),
    text: textAt(data, 'title') ?? '',
    // Zeeschuimer's date from a note page; tiles on overview pages have none.
    created_at: typeof data.date_time === 'string' && !Number.isNaN(Date.parse(data.date_time)) ? new Date(data.date_time).toISOString() : undefined,
    author: { name: textAt(data, 'author_name') },
    likes: countAt(data, 'likes'),
    absent: ['body'],
  };
  if (!draft.text) return { stub: 'RedNote HTML tile without a title' };
  return { draft };
}

function describeKeys(data: Json): string {
  const keys = Object.keys(data).slice(0, 6).join(', ');
  return keys ? `an item with ${keys}` : 'an empty item';
}
