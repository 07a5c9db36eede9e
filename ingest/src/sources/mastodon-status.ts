/**
 * Mastodon statuses as canonical posts, and the Link header that pages through them.
 * Content and profile notes are HTML; they become plain text here.
 */
import type { PostInput } from '@rift/core';
import { htmlToText } from '../html-text.ts';

export type MappedStatus = { post: PostInput } | { skip: string } | { error: string };

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asCount = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0);

/** Compares Mastodon ids (decimal strings, too large for a double) by numeric value. */
export function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** The URLs of an RFC 8288 Link header by relation, e.g. { next: '...?max_id=1', prev: '...?min_id=9' }. */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const match of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(match[2] ?? '')?.[1];
    if (rel) for (const name of rel.trim().split(/\s+/)) links[name.toLowerCase()] = match[1]!;
  }
  return links;
}

/**
 * A domain the account proved it controls: Mastodon sets `verified_at` on a profile field
 * whose link points back to the profile with rel="me" (an agency's site, say).
 */
function verifiedDomain(fields: unknown): string {
  if (!Array.isArray(fields)) return '';
  for (const field of fields) {
    const f = asObject(field);
    if (!f?.verified_at) continue;
    const href = /href="([^"]+)"/.exec(asString(f.value) ?? '')?.[1] ?? htmlToText(asString(f.value) ?? '');
    try {
      return new URL(href.includes('://') ? href : `https://${href}`).hostname.toLowerCase();
    } catch {
      // An unreadable link proves nothing; look at the next field.
    }
  }
  return '';
}

/**
 * One status from a tag timeline. Reblogs are skipped (the original is the post); a status
 * missing its id, date, account or content is an error with the missing fields named.
 */
export function statusToPost(status: unknown, source: string, instanceHost: string): MappedStatus {
  const s = asObject(status);
  if (s?.reblog) return { skip: 'reblog' };
  const account = asObject(s?.account);
  const id = asString(s?.id);
  const acct = asString(account?.acct);
  const missing = [
    !id && 'id',
    !asString(s?.created_at) && 'created_at',
    typeof s?.content !== 'string' && 'content',
    !acct && 'account.acct',
  ].filter(Boolean);
  if (missing.length) return { error: `Mastodon status is missing ${missing.join(', ')}` };
  const spoiler = htmlToText(asString(s!.spoiler_text));
  const content = withPoll(htmlToText(s!.content as string), s!.poll);
  return {
    post: {
      source,
      id: id!,
      url: asString(s!.url) ?? asString(s!.uri) ?? '',
      author: {
        // Local accounts' acct has no domain; add the instance so handles are global.
        handle: acct!.includes('@') ? acct! : `${acct}@${instanceHost}`,
        name: asString(account!.display_name) || asString(account!.username) || '',
        description: htmlToText(asString(account!.note)),
        verified_domain: verifiedDomain(account!.fields),
      },
      created_at: asString(s!.created_at)!,
      // A content warning is part of what the author said about the post.
      text: spoiler ? `${spoiler}\n\n${content}` : content,
      context_text: carriedText(s!),
      // An edit keeps the id; its time makes it a new edition that replaces the stored one.
      revision: asString(s!.edited_at) ?? '',
      lang_hint: asString(s!.language) ?? '',
      engagement: { likes: asCount(s!.favourites_count), reposts: asCount(s!.reblogs_count), replies: asCount(s!.replies_count) },
      raw: status,
    },
  };
}

/** A poll's options are the author's words too: they often carry the position ("Ban TikTok? yes / no"). */
function withPoll(content: string, poll: unknown): string {
  const options = Array.isArray(asObject(poll)?.options) ? (asObject(poll)!.options as unknown[]) : [];
  const titles = options.map((o) => asString(asObject(o)?.title)?.trim()).filter((t): t is string => Boolean(t));
  if (titles.length === 0) return content;
  const line = `Poll: ${titles.join(' / ')}`;
  return content ? `${content}\n\n${line}` : line;
}

/**
 * What the status carries that its author did not write: the post it quotes (Mastodon 4.4's
 * `quote.quoted_status`) and the descriptions of its media, for the topic match.
 */
function carriedText(s: Record<string, unknown>): string {
  const parts: string[] = [];
  const quoted = asObject(asObject(s.quote)?.quoted_status);
  if (quoted && typeof quoted.content === 'string') {
    const who = asString(asObject(quoted.account)?.acct);
    const text = htmlToText(quoted.content);
    if (text) parts.push(who ? `Quoting @${who}: ${text}` : `Quoting: ${text}`);
  }
  const media = Array.isArray(s.media_attachments) ? s.media_attachments : [];
  for (const m of media) {
    const description = asString(asObject(m)?.description)?.trim();
    if (description) parts.push(`[${asString(asObject(m)?.type) ?? 'media'}: ${description}]`);
  }
  return parts.join('\n\n');
}
