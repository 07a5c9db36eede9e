import type { FastifyInstance } from 'fastify';
import type { ClickHouse } from '@rift/core';
import { errorBodySchema } from '../errors.ts';
import { describePostQuery } from '@rift/queries';
import { sampleCsv, sampleKeyCsv } from '../export/sample-csv.ts';
import { drawSample, parseSampleRequest, sampleQuerystring, type SampleInput } from '../export/sample.ts';

/**
 * GET /api/sample: a reproducible random sample of a slice, as a coding sheet (CSV, default)
 * or JSON. The seed, allocation and any shortfall are stated in headers (CSV) or the body (JSON).
 */
export function sampleRoute(app: FastifyInstance, clickhouse: ClickHouse): void {
  app.get<{ Querystring: SampleInput & { format?: 'csv' | 'key' | 'json' } }>(
    '/api/sample',
    {
      schema: {
        summary: 'A reproducible random sample of a slice, for manual coding',
        description:
          'n posts drawn at random from the slice, optionally stratified by actor or stance; the same seed and filters draw the same sample. CSV (a coding sheet, blind: no model label and no stratum; seed, posts drawn and notes in x-rift-sample-* headers), the key of strata for the same draw (format=key), or JSON (all of it in the body).',
        querystring: sampleQuerystring,
        response: { 400: errorBodySchema, 503: errorBodySchema },
      },
    },
    async (request, reply) => {
      const { format = 'csv', ...input } = request.query;
      const sampleRequest = parseSampleRequest(input);
      const sample = await drawSample(clickhouse, sampleRequest);
      const meta = {
        seed: sampleRequest.seed,
        n: sampleRequest.n,
        drawn: sample.posts.length,
        stratify: sampleRequest.stratify,
        allocation: sampleRequest.stratify === 'none' ? null : sampleRequest.allocation,
        strata: sample.strata,
        filters: describePostQuery(sampleRequest.query),
        notes: sample.notes,
      };
      if (format === 'json') return { ...meta, posts: sample.posts.map((p) => ({ ...p, created_at: new Date(p.created_at * 1000).toISOString() })) };
      const key = format === 'key';
      return reply
        .header('content-type', 'text/csv; charset=utf-8; header=present')
        .header('content-disposition', `attachment; filename="rift-sample-${sampleRequest.seed}${key ? '.key' : ''}.csv"`)
        .header('x-rift-sample-seed', sampleRequest.seed)
        .header('x-rift-sample-drawn', String(sample.posts.length))
        // Notes are plain text; JSON keeps them on one header line whatever they hold.
        .header('x-rift-sample-notes', JSON.stringify(sample.notes))
        .send(key ? sampleKeyCsv(sample, sampleRequest) : sampleCsv(sample, sampleRequest));
    },
  );
}
