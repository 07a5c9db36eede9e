import type { FastifyInstance } from 'fastify';
import { badRequest, type ClickHouse, ForgetError, forgetPosts, type ForgetTarget } from '@rift/core';
import { errorBodySchema } from '../errors.ts';

interface ForgetBody {
  source?: string;
  id?: string;
  author?: string;
}

const text = (description: string) => ({ type: 'string', minLength: 1, maxLength: 512, description });

function targetOf(body: ForgetBody): ForgetTarget {
  if (body.author !== undefined) {
    if (body.id !== undefined) throw badRequest('id goes with source, not with author');
    return { kind: 'author', handle: body.author, source: body.source };
  }
  if (body.source === undefined) throw badRequest('send { source, id } for a post, { author } or { author, source } for an author, or { source } for a source');
  return body.id !== undefined ? { kind: 'post', source: body.source, id: body.id } : { kind: 'source', source: body.source };
}

/** POST /api/forget: `rift forget` over HTTP, for admins; the key id is recorded with the tombstone. */
export function forgetRoute(app: FastifyInstance, clickhouse: ClickHouse): void {
  app.post<{ Body: ForgetBody }>(
    '/api/forget',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Forget posts',
        description:
          'Deletes one post ({ source, id }), every post of an author ({ author }, or { author, source } for one source) or of a source ({ source }) from posts_v1 and every rollup, and writes a tombstone so that no later import or poll stores them again. There is no undo.',
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { source: text('The source of the posts'), id: text('The id of one post (with source)'), author: text("The author's handle") },
        },
        response: {
          200: { type: 'object', required: ['posts'], properties: { posts: { type: 'integer', description: 'Stored posts that were deleted' } } },
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          503: errorBodySchema,
        },
      },
    },
    async (request) => {
      try {
        return await forgetPosts(clickhouse, targetOf(request.body), `key:${request.client!.id}`);
      } catch (err) {
        if (err instanceof ForgetError) throw badRequest(err.message);
        throw err;
      }
    },
  );
}
