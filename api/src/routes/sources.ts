import type { FastifyInstance } from 'fastify';
import type { Redis } from '@rift/core';
import { SourceStateStore, sourcesOverview } from '@rift/ingest';

const nullableString = { type: ['string', 'null'] } as const;

const stateSchema = {
  type: 'object',
  required: ['name', 'healthy', 'posts_in', 'posts_out', 'errors'],
  properties: {
    name: { type: 'string' },
    cursor: nullableString,
    last_run: nullableString,
    last_success: nullableString,
    next_run: nullableString,
    posts_in: { type: 'number' },
    posts_out: { type: 'number' },
    errors: { type: 'number' },
    consecutive_failures: { type: 'number' },
    last_error: nullableString,
    healthy: { type: 'boolean' },
  },
} as const;

/** GET /api/sources: each source's state, the same that `rift sources` prints. */
export function sourcesRoute(app: FastifyInstance, deps: { redis: Redis; queuePrefix: string; enabledSources?: string[] }): void {
  const states = new SourceStateStore(deps.redis, deps.queuePrefix);
  app.get(
    '/api/sources',
    {
      schema: {
        summary: "Each source's state",
        description: 'Per source: its cursor, last run, posts collected, last error and whether it is healthy; `never_run` lists the enabled sources with no run yet. The same as `rift sources` prints.',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
        response: {
          200: {
            type: 'object',
            required: ['sources', 'never_run'],
            properties: { sources: { type: 'array', items: stateSchema }, never_run: { type: 'array', items: { type: 'string' } } },
          },
        },
      },
    },
    () => sourcesOverview(states, deps.enabledSources ?? []),
  );
}
