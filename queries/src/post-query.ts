// The parameters that pick a slice of posts (time window, filters, keyword, minimum confidence,
// copies), as every route, export and CLI command receives them: their JSON schema, their
// validation into a PostQuery (a 400 on bad input) and their description in responses.
import { badRequest } from '@rift/core';
import { type Copies, parseCopies } from './copies.ts';
import { FILTER_MAX_LENGTH, FILTERS, parseFilters, type FilterName, type Filters } from './dimensions.ts';
import { parseInstant } from './time-range.ts';

/** Which confidence `min_confidence` applies to. */
export const CONFIDENCE_FIELDS = ['stance', 'sentiment', 'actor'] as const;
export type ConfidenceField = (typeof CONFIDENCE_FIELDS)[number];

export const KEYWORD_MAX_LENGTH = 200;

export interface PostQuery {
  /** Inclusive; undefined means from the first post. */
  from?: Date;
  /** Exclusive; undefined means up to the last post. */
  to?: Date;
  filters: Filters;
  /** Case-insensitive substring of the text. */
  q?: string;
  minConfidence?: number;
  confidenceOn: ConfidenceField;
  /** once: one post per copy cluster, its first in the slice (queries/copies.ts); all (the default): every post. */
  copies?: Copies;
  /** Only the posts of this copy cluster ("source:id"): a cluster's members in the drill-down. */
  copyCluster?: string;
}

/** Parameters as they arrive from a query string or the command line. */
export type PostQueryInput = Partial<Record<FilterName | 'from' | 'to' | 'q' | 'confidence_on' | 'copies' | 'copy_cluster', string>> & {
  min_confidence?: number | string;
};

/** The JSON schema of the shared filter parameters, spread into each route's querystring schema. */
export const postFilterProperties = {
  from: { type: 'string', maxLength: 40, description: 'ISO 8601 date or date-time, inclusive (UTC if no zone)' },
  to: { type: 'string', maxLength: 40, description: 'ISO 8601 date or date-time, exclusive (UTC if no zone)' },
  ...Object.fromEntries(
    FILTERS.map((name) => [name, { type: 'string', maxLength: FILTER_MAX_LENGTH, description: `Comma-separated ${name} values to keep` }]),
  ),
  q: { type: 'string', maxLength: KEYWORD_MAX_LENGTH, description: 'Keyword: posts whose text contains it, ignoring case' },
  min_confidence: { type: 'number', minimum: 0, maximum: 1, description: 'Keep posts whose confidence (see confidence_on) is at least this' },
  confidence_on: { type: 'string', enum: CONFIDENCE_FIELDS, default: 'stance', description: 'Which confidence min_confidence tests' },
} as const;

/** Validates and normalises the shared parameters; throws a 400 HttpError on bad input. */
export function parsePostQuery(input: PostQueryInput): PostQuery {
  const from = parseInstant('from', input.from);
  const to = parseInstant('to', input.to);
  if (from && to && from.getTime() >= to.getTime()) throw badRequest('from must be before to');
  const q = input.q === undefined || input.q.trim() === '' ? undefined : input.q;
  if (q !== undefined && (!q.isWellFormed() || q.includes('\0'))) throw badRequest('q must be text without NUL characters');
  let minConfidence: number | undefined;
  if (input.min_confidence !== undefined && input.min_confidence !== '') {
    minConfidence = Number(input.min_confidence);
    if (!Number.isFinite(minConfidence) || minConfidence < 0 || minConfidence > 1) {
      throw badRequest(`min_confidence must be a number from 0 to 1, got ${JSON.stringify(input.min_confidence)}`);
    }
  }
  const confidenceOn = (input.confidence_on ?? 'stance') as ConfidenceField;
  if (!CONFIDENCE_FIELDS.includes(confidenceOn)) throw badRequest(`confidence_on must be one of: ${CONFIDENCE_FIELDS.join(', ')}`);
  const copyCluster = input.copy_cluster === undefined || input.copy_cluster === '' ? undefined : input.copy_cluster;
  if (copyCluster !== undefined && (!copyCluster.isWellFormed() || copyCluster.includes('\0'))) throw badRequest('copy_cluster must be text without NUL characters');
  return { from, to, filters: parseFilters(input), q, minConfidence, confidenceOn, copies: parseCopies(input.copies, 'all'), ...(copyCluster !== undefined && { copyCluster }) };
}

/** The query as plain JSON, for responses and methodology files. */
export function describePostQuery(query: PostQuery): Record<string, unknown> {
  return {
    from: query.from?.toISOString() ?? null,
    to: query.to?.toISOString() ?? null,
    ...query.filters,
    q: query.q ?? null,
    min_confidence: query.minConfidence ?? null,
    confidence_on: query.minConfidence === undefined ? null : query.confidenceOn,
    ...(query.copyCluster !== undefined && { copy_cluster: query.copyCluster }),
  };
}
