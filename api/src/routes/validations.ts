import { badRequest, type ClickHouse, listRuns, type TopicPack } from '@rift/core';
import type { ValidationReport } from '../validation/compare.ts';
import type { FastifyInstance } from 'fastify';
import { errorBodySchema } from '../errors.ts';
import { requestActor } from './audit.ts';
import { validateCodedSheet } from '../validation/validate.ts';

/** A coded sheet of the largest sample (50,000 posts with their texts) fits; larger is a 413. */
export const VALIDATION_BODY_LIMIT = 64 * 1024 * 1024;
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 413: errorBodySchema, 415: errorBodySchema, 503: errorBodySchema };

/**
 * POST /api/validations takes a coded sheet (CSV body, text/csv or text/plain) and answers the
 * stored run; GET /api/validations lists runs, newest first.
 */
export function validationsRoutes(app: FastifyInstance, deps: { clickhouse: ClickHouse; pack: TopicPack }): void {
  // In their own scope, so the CSV body parser applies to these routes only.
  void app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: VALIDATION_BODY_LIMIT }, (_request, body, done) => done(null, body));

    scope.post<{ Querystring: { name?: string }; Body: string }>(
      '/api/validations',
      {
        bodyLimit: VALIDATION_BODY_LIMIT,
        // Storing a run is a write: it needs a key with the analyst role (api/src/auth).
        config: { role: 'analyst' },
        schema: {
          summary: 'Compare a coded sample with the model',
          description:
            "Takes a coded sheet (the CSV of /api/sample with the coders' labels filled in, as a text/csv body) and stores and answers how the model agrees with the humans: per-label precision and recall, Cohen's kappa and the confusion matrix.",
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { name: { type: 'string', maxLength: 200, description: 'A name for the run, e.g. the file name' } },
          },
          consumes: ['text/csv', 'text/plain'],
          body: { type: 'string', description: 'The coded sheet: the CSV of /api/sample with the code_stance, code_sentiment or code_actor columns filled in' },
          response: { 201: { description: 'The stored run with its agreement report', type: 'object', additionalProperties: true }, ...errors },
        },
      },
      async (request, reply) => {
        if (typeof request.body !== 'string' || request.body.trim() === '') throw badRequest('send the coded sheet as a text/csv body');
        const run = await validateCodedSheet(deps.clickhouse, deps.pack, request.body, request.query.name ?? 'upload', requestActor(request));
        return reply.status(201).send(run);
      },
    );

    scope.get<{ Querystring: { limit: number } }>(
      '/api/validations',
      {
        schema: {
          summary: 'The stored validation runs',
          description: 'Every validation run with its agreement report, newest first.',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100, description: 'Runs to list, newest first' } },
          },
          response: {
            200: { description: 'The stored runs, newest first', type: 'object', required: ['runs'], properties: { runs: { type: 'array', items: { type: 'object', additionalProperties: true } } } },
            ...errors,
          },
        },
      },
      async (request) => ({ runs: await listRuns<ValidationReport>(deps.clickhouse, request.query.limit) }),
    );
  });
}
