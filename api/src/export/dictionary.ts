import { badRequest, identifier, joinSql, sql, type Sql } from '@rift/core';

/**
 * The data dictionary of exports: every column a researcher can ask for, its type, what it
 * means, and how it is read from posts_v1. This list is the documentation: the API serves it
 * at /api/export/dictionary and copies it into every methodology file.
 */

/** How a value is written: `text` and `list` cells are quoted and formula-neutralised in CSV. */
export type ColumnKind = 'text' | 'list' | 'number' | 'integer' | 'boolean' | 'datetime';

export interface ExportColumn {
  name: string;
  kind: ColumnKind;
  description: string;
  /** Left out unless asked for by name (large or rarely needed). */
  optional?: boolean;
  /**
   * Values come only from a fixed list checked before they are stored (a schema enum, the
   * source-name rule, the topic pack's ids), none starting with a character formula
   * neutralisation looks for, so the SQL writer passes them through untested.
   */
  vocabulary?: boolean;
}

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'source', kind: 'text', description: 'Where the post was collected (bluesky, mastodon, reddit, hn, rss, federal_register, file, demo). With id, identifies the post.', vocabulary: true },
  { name: 'id', kind: 'text', description: 'The post id native to its source.' },
  { name: 'url', kind: 'text', description: 'Link to the original post.' },
  { name: 'created_at', kind: 'datetime', description: 'When the post was published, UTC, ISO 8601 to the second.' },
  { name: 'text', kind: 'text', description: 'The post text as collected (capped at ingest; see text_truncated).' },
  { name: 'text_truncated', kind: 'boolean', description: 'true when the text was longer than the cap and was cut.' },
  { name: 'context_text', kind: 'text', description: "Words the post carries that its author did not write: a quoted post ('Quoting @handle: ...'), a link card's title and description, image descriptions ('[image: ...]'), parts separated by a blank line; empty when none. The topic match reads it with text; sentiment and stance are judged on text alone." },
  { name: 'lang', kind: 'text', description: 'Language detected by the analyzer (BCP 47 code, e.g. en, zh; und when unknown).' },
  { name: 'author_handle', kind: 'text', description: "The author's handle on the source." },
  { name: 'author_name', kind: 'text', description: "The author's display name." },
  { name: 'author_description', kind: 'text', description: "The author's profile text, when the source gives it." },
  { name: 'author_verified_domain', kind: 'text', description: "A domain the source verified for the author (e.g. a Bluesky handle on house.gov), else empty." },
  { name: 'likes', kind: 'integer', description: 'Likes or favourites when collected; 0 when the source gives none.' },
  { name: 'reposts', kind: 'integer', description: 'Reposts or boosts when collected; 0 when the source gives none.' },
  { name: 'replies', kind: 'integer', description: 'Replies when collected; 0 when the source gives none.' },
  { name: 'matched_terms', kind: 'list', description: "Topic-pack terms found in the text that made the post relevant. CSV: joined with '|'." },
  { name: 'synthetic', kind: 'boolean', description: 'true for posts of the generated demo corpus, which are not real.' },
  { name: 'missing_fields', kind: 'list', description: "Fields the source did not hold for this post, listed instead of guessed (e.g. created_at for an undated feed item, whose created_at is then the feed's update time or when Rift first saw it; body for a post read from a page's HTML, quote.text for a quoted post that was deleted before its text could be fetched); empty when complete. CSV: joined with '|'." },
  { name: 'sentiment', kind: 'text', description: 'Sentiment label: negative, neutral or positive.', vocabulary: true },
  { name: 'sentiment_score', kind: 'number', description: 'Sentiment score from -1 (most negative) to +1 (most positive); 0 is neutral.' },
  { name: 'sentiment_confidence', kind: 'number', description: "The model's confidence in the sentiment label, 0 to 1." },
  { name: 'stance', kind: 'text', description: 'Stance on the ban or forced sale: support_ban, oppose_ban or neutral (no position on the ban).', vocabulary: true },
  { name: 'stance_confidence', kind: 'number', description: "The model's confidence in the stance label, 0 to 1." },
  { name: 'topics', kind: 'list', description: "Topics of the post from the topic pack (several or none). CSV: joined with '|'.", vocabulary: true },
  { name: 'actor', kind: 'text', description: 'Actor class of the author: public, us_government, foreign_government, media or company.', vocabulary: true },
  { name: 'actor_confidence', kind: 'number', description: "The model's confidence in the actor class, 0 to 1." },
  { name: 'model_version', kind: 'text', description: 'Version of the analyzer that produced the labels and scores.' },
  { name: 'copy_cluster', kind: 'text', description: 'The copy cluster of the post: "source:id" of the first post written with the same or nearly the same text (reposts, copypasta, syndicated press releases); the post\'s own when it copies none.' },
  { name: 'copy_cluster_size', kind: 'integer', description: 'Posts of the copy cluster in the slice (all of them, even with copies=once). Costs a second read of the slice.', optional: true },
  { name: 'ingested_at', kind: 'datetime', description: 'When this analysis of the post was stored, UTC.' },
  { name: 'raw', kind: 'text', description: 'The payload as the source returned it (JSON text, capped), for audit.', optional: true },
];

const BY_NAME = new Map(EXPORT_COLUMNS.map((c) => [c.name, c]));

export const DEFAULT_COLUMNS: readonly ExportColumn[] = EXPORT_COLUMNS.filter((c) => !c.optional);

/** Parses `columns=a,b,c`; absent or empty means every non-optional column, in dictionary order. */
export function parseColumns(raw: string | undefined): ExportColumn[] {
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_COLUMNS];
  const names = raw.split(',').map((n) => n.trim());
  const seen = new Set<string>();
  const columns: ExportColumn[] = [];
  for (const name of names) {
    const column = BY_NAME.get(name);
    if (!column) throw badRequest(`columns: unknown column ${JSON.stringify(name)}; see /api/export/dictionary`);
    if (seen.has(name)) throw badRequest(`columns: ${JSON.stringify(name)} is listed twice`);
    seen.add(name);
    columns.push(column);
  }
  return columns;
}

/** The SELECT list for the chosen columns; datetimes come out as Unix seconds for fast formatting. */
export function selectColumnsSql(columns: readonly ExportColumn[]): Sql {
  return joinSql(
    columns.map((c) => (c.kind === 'datetime' ? sql`toUInt32(${identifier(c.name)}) AS ${identifier(c.name)}` : identifier(c.name))),
    ', ',
  );
}

/** The dictionary as served and as written into methodology files. */
export function describeColumns(columns: readonly ExportColumn[] = EXPORT_COLUMNS) {
  return columns.map((c) => ({ name: c.name, type: TYPE_NAMES[c.kind], description: c.description, default: !c.optional }));
}

const TYPE_NAMES: Record<ColumnKind, string> = {
  text: 'string',
  list: 'array of strings',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  datetime: 'date-time (ISO 8601, UTC)',
};
