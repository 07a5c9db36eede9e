import { badRequest, type ClickHouse } from '@rift/core';
import type { FastifyInstance } from 'fastify';
import { errorBodySchema } from '../errors.ts';
import { type Copies, copiesProperty, type CorrectionOptions, correctionPlan, describePostQuery, DIVIDE_DEFINITION, DIVIDE_METHOD, parsePostQuery, postFilterProperties, type PostQueryInput, queryDivide, queryMovers, type Unit } from '@rift/queries';

export const DIVIDE_MIN_N_DEFAULT = 30;

/** unit, copies and correction, as /api/divide and /api/divide/events take them (alert rules take unit and correction). */
export const DIVIDE_UNIT_PROPERTIES = {
  unit: {
    type: 'string',
    enum: ['post', 'author'],
    default: 'author',
    description: 'post: every on-topic post counts once. author: each author\'s posts are averaged first, then the authors (one voice per author)',
  },
  correction: {
    type: 'string',
    enum: ['none', 'confusion'],
    default: 'confusion',
    description:
      'confusion: the oppose share corrected for the stance classifier\'s errors (adjusted classify-and-count) when a confusion matrix with enough labelled statements exists for the posts\' model and language; otherwise correction is null and correction_note says why. none: the raw share',
  },
  // The divide counts copies once by default: a press release in a hundred feeds is one voice.
  ...copiesProperty('once'),
} as const;

// The divide fixes the actors itself, so `actor` is not a parameter (and is refused as unknown).
const { actor: _actor, ...sliceProperties } = postFilterProperties as Record<string, unknown>;

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...sliceProperties,
    min_n: {
      type: 'integer',
      minimum: 1,
      maximum: 1_000_000,
      default: DIVIDE_MIN_N_DEFAULT,
      description: 'Distinct authors each side needs before the divide is reported as reliable',
    },
    ...DIVIDE_UNIT_PROPERTIES,
  },
} as const;

/**
 * GET /api/divide: the divide over one slice (the filters of /api/posts but actor, which the
 * divide fixes), with each side's n and 95% intervals; `too_few` when either side has fewer
 * than `min_n` posts. The statistics are in queries/divide.ts.
 */
export function divideRoute(app: FastifyInstance, clickhouse: ClickHouse, correction: CorrectionOptions): void {
  app.get<{ Querystring: Omit<PostQueryInput, 'actor'> & { min_n: number; unit: Unit; correction: 'none' | 'confusion'; copies: Copies } }>(
    '/api/divide',
    {
      schema: {
        summary: 'The divide: public minus US government, with 95% intervals',
        description: `${DIVIDE_DEFINITION} ${DIVIDE_METHOD} Each side gives n_posts and n_authors; too_few is true when either side has fewer than min_n authors.`,
        querystring,
        response: { 400: errorBodySchema, 503: errorBodySchema },
      },
    },
    async (request) => {
      const { min_n: minN, unit, correction: requested, ...filters } = request.query;
      const query = parsePostQuery(filters);
      const result = await queryDivide(clickhouse, query, unit, (versions) => correctionPlan(clickhouse, requested, versions, correction));
      const { public: pub, us_government: gov } = result.sides;
      return {
        definition: DIVIDE_DEFINITION,
        method: DIVIDE_METHOD,
        filters: describePostQuery(query),
        min_n: minN,
        too_few: pub.n_authors < minN || gov.n_authors < minN,
        ...result,
      };
    },
  );
}

/**
 * GET /api/movers: "what moved here", the topics and matched terms that rose most in [from, to)
 * against the window of the same length before it, over the same slice filters as /api/posts.
 */
export function moversRoute(app: FastifyInstance, clickhouse: ClickHouse): void {
  app.get<{ Querystring: PostQueryInput & { limit: number } }>(
    '/api/movers',
    {
      schema: {
        summary: 'What moved here: the topics and terms that rose most',
        description: `${MOVERS_DEFINITION} Over the same slice filters as /api/posts; from and to are required.`,
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: {
            ...postFilterProperties,
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 10, description: 'Topics and terms to list, each' },
          },
        },
        response: { 400: errorBodySchema, 503: errorBodySchema },
      },
    },
    async (request) => {
      const { limit, ...filters } = request.query;
      const query = parsePostQuery(filters);
      if (!query.from || !query.to) throw badRequest('from and to are required');
      const result = await queryMovers(clickhouse, { ...query, from: query.from, to: query.to }, limit);
      return { filters: describePostQuery(query), definition: MOVERS_DEFINITION, ...result };
    },
  );
}

const MOVERS_DEFINITION =
  'For each topic and matched term: its share of the posts in the window (posts having it / all posts) minus its share in the window of the same length just before; ranked by that rise.';
