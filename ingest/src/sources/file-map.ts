/**
 * Turning one row of a researcher's file (a JSONL object or a CSV record) into a canonical post,
 * through a column mapping. Kept apart from the file reading so it can be tested row by row.
 */
import { createHash } from 'node:crypto';
import { PostSchema, validatePost, type PostInput } from '@rift/core';

export type Row = Record<string, unknown>;

/** The canonical fields a mapping may name. */
export const CANONICAL_FIELDS = [
  'id', 'text', 'created_at', 'url', 'lang_hint',
  'author.handle', 'author.name', 'author.description', 'author.verified_domain',
  'engagement.likes', 'engagement.reposts', 'engagement.replies',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

// `author` alone is the handle: what a researcher means when a file has one author column.
const ALIASES: Record<string, CanonicalField> = { lang: 'lang_hint', author: 'author.handle' };

export type FieldMap = Record<CanonicalField, string>;

/**
 * Completes a user's mapping: every canonical field not mapped is looked up under its own name,
 * so a file that already uses canonical names needs no mapping. Unknown keys are a usage error,
 * thrown before any row is read.
 */
export function resolveFieldMap(map: Record<string, string> = {}): FieldMap {
  const out = Object.fromEntries(CANONICAL_FIELDS.map((f) => [f, f])) as FieldMap;
  for (const [key, column] of Object.entries(map)) {
    const field = ALIASES[key] ?? (CANONICAL_FIELDS as readonly string[]).find((f) => f === key);
    if (!field) throw new Error(`unknown field "${key}" in --map; known fields: ${[...CANONICAL_FIELDS, ...Object.keys(ALIASES)].join(', ')}`);
    if (!column) throw new Error(`--map ${key}= names no column`);
    out[field as CanonicalField] = column;
  }
  return out;
}

/** Throws when the source label would make every row fail validation. */
export function checkSourceName(source: string): void {
  const parsed = PostSchema.shape.source.safeParse(source);
  if (!parsed.success) throw new Error(`invalid --source "${source}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
}

/** A column by its exact name first (CSV headers may contain dots), then as a path into nested JSON. */
function lookup(row: Row, column: string): unknown {
  if (Object.hasOwn(row, column)) return row[column];
  if (!column.includes('.')) return undefined;
  let value: unknown = row;
  for (const part of column.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Row)[part];
  }
  return value;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function asText(v: unknown): unknown {
  if (isBlank(v)) return undefined;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}

/** CSV gives counts as text ("1,204"); anything not a plain count is left for validation to reject. */
function asCount(v: unknown): unknown {
  if (isBlank(v)) return undefined;
  if (typeof v === 'string' && /^\s*\d[\d,_]*(\.0+)?\s*$/.test(v)) return Number(v.replace(/[,_\s]/g, ''));
  return v;
}

/**
 * Epoch numbers (seconds or milliseconds) become ISO; a date-time without a zone is read as UTC,
 * because the machine's local zone has nothing to do with where the data came from.
 */
function asInstant(v: unknown): unknown {
  if (isBlank(v)) return undefined;
  const epoch = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{9,13}(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (Number.isFinite(epoch)) return new Date(epoch < 1e11 ? epoch * 1000 : epoch).toISOString();
  if (typeof v === 'string') {
    const s = v.trim();
    if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) return `${s.replace(' ', 'T')}Z`;
    return s;
  }
  return v;
}

/** Keys sorted at every level, so the same row content always hashes the same. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Row)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * A stable id for rows without one, from the mapped fields only: the same post gives the same id,
 * so re-imports dedupe, while two imports of one file that map different text columns give
 * different posts (a hash of the whole row would make them one).
 */
export function contentId(mapped: Record<string, unknown>): string {
  return `sha256-${createHash('sha256').update(stableJson(mapped)).digest('hex').slice(0, 32)}`;
}

/**
 * Twitter's API and its exports escape three characters in tweet text (`&amp;`, `&lt;`, `&gt;`);
 * decoded in one pass, so `&amp;lt;` (a tweet that says "&lt;") stays `&lt;`.
 */
const TWITTER_ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };
export function decodeTwitterEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => TWITTER_ENTITIES[entity]!);
}

export type MappedRow = { ok: true; post: PostInput } | { ok: false; reason: string };

/** Maps and validates one row; the reason names the field, as validatePost does. */
export function mapRow(row: Row, fields: FieldMap, source: string): MappedRow {
  const get = (f: CanonicalField) => lookup(row, fields[f]);
  for (const f of ['text', 'created_at'] as const) {
    if (isBlank(get(f))) return { ok: false, reason: `${f}: missing (no value in column "${fields[f]}")` };
  }
  const id = asText(get('id'));
  const text = asText(get('text'));
  const post: PostInput = {
    source,
    id: id as string,
    url: asText(get('url')) as string | undefined,
    author: {
      handle: asText(get('author.handle')) as string | undefined,
      name: asText(get('author.name')) as string | undefined,
      description: asText(get('author.description')) as string | undefined,
      verified_domain: asText(get('author.verified_domain')) as string | undefined,
    },
    created_at: asInstant(get('created_at')) as string,
    text: typeof text === 'string' ? decodeTwitterEntities(text) : (text as string),
    // Many exports (tweets, Bluesky dumps) call it `lang`: used when lang_hint is not mapped elsewhere.
    lang_hint: asText(get('lang_hint') ?? (fields.lang_hint === 'lang_hint' ? lookup(row, 'lang') : undefined)) as string | undefined,
    engagement: {
      likes: asCount(get('engagement.likes')) as number | undefined,
      reposts: asCount(get('engagement.reposts')) as number | undefined,
      replies: asCount(get('engagement.replies')) as number | undefined,
    },
    matched_terms: [],
    synthetic: false,
    raw: row,
  };
  if (post.id === undefined) {
    const { raw: _raw, id: _id, ...mapped } = post;
    post.id = contentId(mapped);
  }
  const checked = validatePost(post);
  // The validated form goes on: dates normalised to ISO, defaults filled in.
  return checked.ok ? { ok: true, post: checked.post } : { ok: false, reason: checked.reason };
}

/** Column names that common exports use for a canonical field, most likely first. */
const USUAL_COLUMNS: Partial<Record<CanonicalField, string[]>> = {
  id: ['id_str', 'tweet_id', 'post_id', 'status_id', 'note_id', 'uri'],
  text: ['body', 'content', 'full_text', 'tweet', 'message', 'post', 'text_content', 'desc'],
  created_at: ['date', 'created', 'timestamp', 'time', 'datetime', 'published_at', 'posted_at', 'createdAt', 'time_created'],
  url: ['link', 'permalink', 'tweet_url', 'post_url'],
  'author.handle': ['author', 'user', 'username', 'screen_name', 'handle', 'user_screen_name', 'user.screen_name', 'user.username', 'author.username', 'nickname'],
  'author.name': ['user_name', 'display_name', 'author_name', 'user.name', 'name'],
  'engagement.likes': ['likes', 'like_count', 'favorite_count', 'likeCount'],
  'engagement.reposts': ['reposts', 'retweets', 'retweet_count', 'share_count'],
  'engagement.replies': ['replies', 'reply_count', 'comment_count'],
};

/**
 * A --map that would fit a file with these columns: each canonical field whose mapped column is
 * absent, paired with a usual name for it that is present (case-insensitive), e.g. text=body.
 */
export function suggestMapping(columns: readonly string[], fields: FieldMap): string | undefined {
  const present = new Set(columns);
  const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const pairs: string[] = [];
  for (const [field, usual] of Object.entries(USUAL_COLUMNS) as [CanonicalField, string[]][]) {
    if (present.has(fields[field])) continue;
    const column = usual.map((u) => byLower.get(u.toLowerCase())).find((c) => c !== undefined);
    // `author` is shorter to type and means author.handle.
    if (column) pairs.push(`${field === 'author.handle' ? 'author' : field}=${column}`);
  }
  return pairs.length ? pairs.join(',') : undefined;
}
