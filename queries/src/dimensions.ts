import { ACTOR_CLASSES, badRequest, identifier, joinSql, SENTIMENT_LABELS, type Sql, sql, STANCE_LABELS, trustedSql } from '@rift/core';

/**
 * The dimensions of the rollups: what a trend can be grouped by and filtered on.
 * Column names are constants here; input only ever chooses among them or becomes an escaped
 * literal in an IN list.
 */

export const GROUP_BY = ['actor', 'stance', 'sentiment', 'lang', 'source', 'topic', 'none'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export const FILTERS = ['actor', 'stance', 'sentiment', 'lang', 'source', 'topic'] as const;
export type FilterName = (typeof FILTERS)[number];
export type Filters = Partial<Record<FilterName, string[]>>;

/** Label filters accept only the closed label sets; the others accept short, plain strings. */
export const ALLOWED: Partial<Record<FilterName, readonly string[]>> = {
  actor: ACTOR_CLASSES,
  stance: STANCE_LABELS,
  sentiment: SENTIMENT_LABELS,
};

/**
 * Free-text dimensions are codes (`en`, `zh-Hans`, `bluesky`, `free_speech`), so anything with
 * quotes, spaces, backslashes or control characters is certainly a mistake or an attack and is
 * refused before it gets near SQL (where it would be escaped anyway).
 */
export const CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';
const CODE = new RegExp(CODE_PATTERN);
const MAX_VALUES = 50;

/** A filter as sent: a comma-separated list. Limits also appear in the route's JSON schema. */
export const FILTER_MAX_LENGTH = 2048;

/** Parses one comma-separated filter; an empty string means "no filter" (forms send those). */
export function parseFilter(name: FilterName, raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const values = [...new Set(raw.split(',').map((v) => v.trim()))];
  if (values.length > MAX_VALUES) throw badRequest(`${name}: at most ${MAX_VALUES} values`);
  const allowed = ALLOWED[name];
  for (const value of values) {
    if (allowed) {
      if (!allowed.includes(value)) {
        throw badRequest(`${name}: unknown value ${JSON.stringify(value)}; expected one of ${allowed.join(', ')}`);
      }
    } else if (!CODE.test(value)) {
      throw badRequest(
        `${name}: invalid value ${JSON.stringify(value)}; use 1-64 letters, digits, "_", "." or "-", comma-separated`,
      );
    }
  }
  return values;
}

export function parseFilters(query: Partial<Record<FilterName, string>>): Filters {
  const filters: Filters = {};
  for (const name of FILTERS) {
    const values = parseFilter(name, query[name]);
    if (values) filters[name] = values;
  }
  return filters;
}

/** Only the topic rollup has a topic column; it counts a post once per topic. */
export function needsTopicRollup(groupBy: GroupBy, filters: Filters): boolean {
  return groupBy === 'topic' || filters.topic !== undefined;
}

/** The series key of a row: the label as text, or one series called "all". */
export function seriesKeySql(groupBy: GroupBy): Sql {
  return groupBy === 'none' ? trustedSql("'all'") : sql`toString(${identifier(groupBy)})`;
}

/** `col IN (...)` for each filter, joined with AND; `1` when there is none. */
export function filterSql(filters: Filters): Sql {
  const parts = FILTERS.flatMap((name) => {
    const values = filters[name];
    return values ? [sql`${identifier(name)} IN (${joinSql(values.map((v) => sql`${v}`), ', ')})`] : [];
  });
  return parts.length > 0 ? joinSql(parts, ' AND ') : trustedSql('1');
}
