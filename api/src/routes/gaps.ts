import type { FastifyInstance } from 'fastify';
import type { ClickHouse } from '@rift/core';
import { errorBodySchema } from '../errors.ts';
import { FILTER_MAX_LENGTH, GAPS_DEFINITION, GRANULARITIES, type Granularity, parseFilter, queryDataExtent, queryGaps, resolveRange } from '@rift/queries';

interface GapsQuerystring {
  from?: string;
  to?: string;
  source?: string;
  granularity: Granularity;
}

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', maxLength: 40, description: 'ISO 8601 date or date-time, inclusive (UTC if no zone)' },
    to: { type: 'string', maxLength: 40, description: 'ISO 8601 date or date-time, exclusive (UTC if no zone)' },
    source: { type: 'string', maxLength: FILTER_MAX_LENGTH, description: 'Comma-separated sources; every source when absent' },
    granularity: {
      type: 'string',
      enum: GRANULARITIES,
      default: 'day',
      description: 'The chart the gaps are drawn on: the window is widened to its buckets and limited as /api/trends limits it',
    },
  },
} as const;

const gapSchema = {
  type: 'object',
  required: ['source', 'from', 'to', 'reason', 'failed_runs', 'last_error', 'expected_posts'],
  properties: {
    source: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    reason: { type: 'string', enum: ['no_posts', 'failing'] },
    failed_runs: { type: 'integer' },
    last_error: { type: ['string', 'null'] },
    expected_posts: { type: ['number', 'null'] },
  },
} as const;

export const gapsListSchema = { type: 'array', items: gapSchema } as const;

const responseSchema = {
  type: 'object',
  required: ['definition', 'from', 'to', 'sources', 'notes', 'gaps'],
  properties: {
    definition: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    sources: { type: ['array', 'null'], items: { type: 'string' } },
    notes: { type: 'array', items: { type: 'string' } },
    gaps: gapsListSchema,
  },
} as const;

/**
 * GET /api/gaps: the hours in which each source collected nothing or was failing, merged into
 * spans, with the definition (queries/gaps.ts). The window is read as /api/trends reads it.
 */
export function gapsRoute(app: FastifyInstance, clickhouse: ClickHouse): void {
  app.get<{ Querystring: GapsQuerystring }>(
    '/api/gaps',
    {
      schema: {
        summary: 'Gaps in collection',
        description: 'Hours in which a source was failing, or stored far fewer posts than its own pace predicts while it was being collected, merged into spans per source, with the definition.',
        querystring,
        response: { 200: responseSchema, 400: errorBodySchema, 503: errorBodySchema },
      },
    },
    async (request) => {
      const q = request.query;
      const sources = parseFilter('source', q.source);
      const range = await resolveRange({ from: q.from, to: q.to, granularity: q.granularity }, () => queryDataExtent(clickhouse));
      const gaps = await queryGaps(clickhouse, { from: range.from, to: range.to, sources });
      return {
        definition: GAPS_DEFINITION,
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        sources: sources ?? null,
        notes: range.notes,
        gaps,
      };
    },
  );
}
