import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ClickHouse, TopicPack } from '@rift/core';
import { errorBodySchema } from '../errors.ts';
import { describeColumns } from '../export/dictionary.ts';
import { CONTENT_TYPES, LIST_SEPARATOR } from '../export/format.ts';
import { buildMethodology, EXPORT_DEFINITIONS } from '../export/methodology.ts';
import { exportFileName, exportQuerystring, parseExportRequest, type ExportInput } from '../export/request.ts';
import { startExport } from '../export/stream.ts';

const errors = { 400: errorBodySchema, 503: errorBodySchema };

/** The query string of a request, as sent, to point from an export to its methodology. */
function rawQuery(url: string): string {
  const i = url.indexOf('?');
  return i === -1 ? '' : url.slice(i);
}

/**
 * GET /api/export streams a slice as CSV or JSONL; GET /api/export/methodology describes the
 * same slice (same parameters); GET /api/export/dictionary lists the columns.
 */
export function exportRoutes(app: FastifyInstance, deps: { clickhouse: ClickHouse; pack: TopicPack }): void {
  const dictionary = {
    summary: 'The data dictionary of exports',
    description: 'Every export column with its type and meaning, the separator of list columns, and the definitions exports rely on.',
    querystring: { type: 'object', additionalProperties: false },
    response: errors,
  };
  app.get('/api/export/dictionary', { schema: dictionary }, async () => ({
    columns: describeColumns(),
    list_separator: LIST_SEPARATOR,
    definitions: EXPORT_DEFINITIONS,
  }));

  const methodology = {
    summary: 'The methodology sidecar of an export',
    description:
      'For the same parameters as /api/export: the filters, CSV options, query time, counts (with synthetic rows), model versions and the accuracy their evaluations shipped, gaps in collection over the hours the slice spans, topic-pack and software versions, as JSON.',
    querystring: exportQuerystring,
    response: errors,
  };
  app.get<{ Querystring: ExportInput }>('/api/export/methodology', { schema: methodology }, async (request) =>
    buildMethodology(deps.clickhouse, deps.pack, parseExportRequest(request.query)),
  );

  const exportSchema = {
    summary: 'Every post of a slice, streamed as CSV or JSONL',
    description:
      'Streams every matching post (no row limit), with the chosen columns. CSV is formula-safe for spreadsheets unless csv_safe=false, with a UTF-8 BOM when bom=true. The x-rift-methodology header links to the methodology of the same slice.',
    querystring: exportQuerystring,
    response: errors,
  };
  app.get<{ Querystring: ExportInput }>('/api/export', { schema: exportSchema }, async (request, reply) => {
    const exportRequest = parseExportRequest(request.query);
    const chunks = await startExport(deps.clickhouse, exportRequest);
    // Headers go out before the rows, so a failure past this point can only cut the
    // connection: the client sees an incomplete download, never a short file marked complete.
    void reply
      .header('content-type', CONTENT_TYPES[exportRequest.format])
      .header('content-disposition', `attachment; filename="${exportFileName(exportRequest)}"`)
      .header('x-rift-methodology', `/api/export/methodology${rawQuery(request.url)}`)
      .header('x-rift-limits', 'none: every row of the slice is streamed')
      .header('cache-control', 'no-store');
    return reply.send(Readable.from(chunks, { objectMode: false, highWaterMark: 256 * 1024 }));
  });
}
