import type { FastifyInstance } from 'fastify';
import type { ClickHouse } from '@rift/core';
import { errorBodySchema } from '../errors.ts';
import { decodeCursor, describePostQuery, parsePostQuery, postFilterProperties, type PostQueryInput, queryPostPage } from '@rift/queries';

export const POSTS_PAGE_DEFAULT = 50;
export const POSTS_PAGE_MAX = 500;

type PostsQuerystring = PostQueryInput & { limit: number; cursor?: string };

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...postFilterProperties,
    limit: { type: 'integer', minimum: 1, maximum: POSTS_PAGE_MAX, default: POSTS_PAGE_DEFAULT, description: 'Posts per page' },
    cursor: { type: 'string', maxLength: 2048, description: 'next_cursor of the previous page' },
    copy_cluster: {
      type: 'string',
      maxLength: 2048,
      description: 'Only the posts of this copy cluster (the copy_cluster a post gives: "source:id" of its first post), to list its members',
    },
  },
} as const;

/**
 * GET /api/posts: the posts behind a chart point, a page at a time in a stable order
 * (created_at, source, id). Follow next_cursor until it is null to read the whole slice.
 */
export function postsRoute(app: FastifyInstance, clickhouse: ClickHouse): void {
  app.get<{ Querystring: PostsQuerystring }>(
    '/api/posts',
    {
      schema: {
        summary: 'The posts of a slice, a page at a time',
        description:
          'The posts matching the filters (the posts behind a chart point), in a stable order (created_at, source, id), with scores, matched terms, model version, copy cluster and copy_cluster_size (the posts stored in that cluster, whatever the filters: as many as copy_cluster= lists). Follow next_cursor until it is null to read the whole slice; copy_cluster lists the members of one cluster.',
        querystring,
        response: { 400: errorBodySchema, 503: errorBodySchema },
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      const query = parsePostQuery(filters);
      const page = await queryPostPage(clickhouse, query, limit, cursor ? decodeCursor(cursor) : undefined);
      return {
        filters: describePostQuery(query),
        order: 'created_at, source, id',
        limit,
        ...page,
      };
    },
  );
}
