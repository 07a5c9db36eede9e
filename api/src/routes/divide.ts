import type { FastifyInstance } from 'fastify';
import type { ClickHouse } from '@rift/core/clickhouse';
import { badRequest, errorBodySchema } from '../errors.ts';
import { queryDivide } from '../queries/divide.ts';
import { queryMovers } from '../queries/movers.ts';
import { describePostQuery, parsePostQuery, postFilterProperties, type PostQueryInput } from '../queries/posts.ts';

export const DIVIDE_MIN_N_DEFAULT = 30;

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
      description: 'Posts each side needs before the divide is reported as reliable',
    },
  },
} as const;

const DEFINITION =
  'Public minus US government. Oppose share: posts with stance "oppose_ban" over all posts of the side (neutral posts count). ' +
  'Sentiment: mean sentiment score (-1 to +1) of the side. Each post counted once, at its newest analysis.';

const METHOD =
  '95% intervals. Oppose share difference: Newcombe hybrid score interval from each side\'s Wilson interval. ' +
  'Sentiment mean difference: Welch interval (Welch-Satterthwaite df, Student t quantile).';

/**
 * GET /api/divide: the divide over one slice (the filters of /api/posts but actor, which the
 * divide fixes), with each side's n and 95% intervals; `too_few` when either side has fewer
 * than `min_n` posts. The statistics are in queries/divide.ts.
 */
export function divideRoute(app: FastifyInstance, clickhouse: ClickHouse): void {
  app.get<{ Querystring: Omit<PostQueryInput, 'actor'> & { min_n: number } }>(
    '/api/divide',
    {
      schema: {
        summary: 'The divide: public minus US government, with 95% intervals',
        description: `${DEFINITION} ${METHOD} Each side's n is given; too_few is true when either side has fewer than min_n posts.`,
        querystring,
        response: { 400: errorBodySchema, 503: errorBodySchema },
      },
    },
    async (request) => {
      const { min_n: minN, ...filters } = request.query;
      const query = parsePostQuery(filters);
      const result = await queryDivide(clickhouse, query);
      const { public: pub, us_government: gov } = result.sides;
      return {
        definition: DEFINITION,
        method: METHOD,
        filters: describePostQuery(query),
        min_n: minN,
        too_few: pub.n < minN || gov.n < minN,
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
