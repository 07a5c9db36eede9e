import type { ClickHouse } from '@rift/core';
import { SLICE_ORDER, sliceSql } from '@rift/queries';
import { selectColumnsSql } from './dictionary.ts';
import { csvPassthroughChunks } from './csv-passthrough.ts';
import { serializer } from './format.ts';
import type { ExportProgress, ExportRequest } from './request.ts';

/**
 * The export as a stream of text chunks: rows come from ClickHouse one at a time and leave as
 * soon as a chunk is full, so memory stays flat whatever the size of the slice. The consumer
 * pulls (HTTP response or file), and ClickHouse is only read as fast as it pulls.
 */

/** About 64 KiB per chunk: few enough writes to be fast, small enough to keep memory flat. */
const CHUNK_CHARS = 64 * 1024;

/**
 * ClickHouse sorts the slice for the stable order; past this much memory it sorts on disk
 * instead of failing, so large exports need no more server memory than small ones.
 */
const SORT_SETTINGS = { max_bytes_before_external_sort: 512 * 1024 * 1024 };

export function exportSql(clickhouse: ClickHouse, request: ExportRequest) {
  return sliceSql(clickhouse, request.query, {
    select: selectColumnsSql(request.columns),
    columns: request.columns.map((c) => c.name),
    tail: SLICE_ORDER,
  });
}

/** Yields the export's text in chunks; `progress.rows` counts the records written so far. */
export async function* exportChunks(
  clickhouse: ClickHouse,
  request: ExportRequest,
  progress: ExportProgress = { rows: 0 },
): AsyncGenerator<string | Uint8Array> {
  // CSV is written by ClickHouse itself (csv-passthrough.ts); JSON Lines still row by row here.
  if (request.format === 'csv') {
    yield* csvPassthroughChunks(clickhouse, request, SORT_SETTINGS, progress);
    return;
  }
  const { header, record } = serializer(request.format, request.columns);
  let chunk = header;
  for await (const row of clickhouse.stream<Record<string, unknown>>(exportSql(clickhouse, request), SORT_SETTINGS)) {
    chunk += record(row);
    progress.rows++;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Starts the export and waits for its first chunk, so that a failing query (ClickHouse down,
 * a bad value) is still an HTTP error with a status, not a truncated 200.
 */
export async function startExport(clickhouse: ClickHouse, request: ExportRequest, progress?: ExportProgress): Promise<AsyncGenerator<string | Uint8Array>> {
  const chunks = exportChunks(clickhouse, request, progress);
  const first = await chunks.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* chunks;
  })();
}
