import type { ClickHouse } from '@rift/core/clickhouse';
import { identifier, joinSql, sql, type Sql } from '@rift/core/sql';
import { SLICE_ORDER, sliceSql } from '../queries/posts.ts';
import type { ExportColumn } from './dictionary.ts';
import { csvHeader, LIST_SEPARATOR } from './format.ts';
import type { ExportProgress, ExportRequest } from './stream.ts';

/**
 * The CSV export written by ClickHouse: each record is built in SQL, cell by cell exactly as
 * format.ts writes it (quoted text with doubled quotes, formula neutralisation, ISO times,
 * true/false, lists joined with LIST_SEPARATOR, CRLF), and streamed as bytes (TabSeparatedRaw of
 * one column, so nothing is escaped twice). Node only passes the bytes on and counts records:
 * `npm run bench` (export.csv_rows_per_s) showed parsing JSONEachRow rows and writing them again
 * cost Node three to four times what ClickHouse takes to produce them.
 */

/** Text as a quoted CSV cell; a leading = + - @ tab CR or ' gets an apostrophe, as neutraliseFormula does. */
function textCell(value: Sql): Sql {
  return sql`concat('"', replaceAll(if(substring(${value}, 1, 1) IN ('=', '+', '-', '@', '\t', '\r', '\\''), concat('\\'', ${value}), ${value}), '"', '""'), '"')`;
}

function cell(column: ExportColumn): Sql {
  const c = identifier(column.name);
  switch (column.kind) {
    case 'text':
      return textCell(sql`toString(${c})`);
    case 'list':
      return textCell(sql`arrayStringConcat(${c}, ${LIST_SEPARATOR})`);
    case 'boolean':
      return sql`if(${c} = 1, 'true', 'false')`;
    case 'datetime':
      // DateTime('UTC') prints as 'YYYY-MM-DD hh:mm:ss'; isoSeconds() writes 'YYYY-MM-DDThh:mm:ssZ'.
      return sql`concat(replaceOne(toString(${c}), ' ', 'T'), 'Z')`;
    default:
      return sql`toString(${c})`;
  }
}

export function csvRecordSql(columns: readonly ExportColumn[]): Sql {
  const cells = columns.map(cell);
  // TabSeparatedRaw ends each row with LF, so the record's own text ends with CR.
  return sql`concat(${joinSql(cells, ", ',', ")}, '\r') AS record`;
}

/**
 * Counts records in the bytes: a LF outside quotes ends one (a text's own line breaks are
 * inside its quotes, and doubled quotes toggle twice). Returns the state for the next chunk.
 */
function countRecords(chunk: Uint8Array, inQuotes: boolean, progress: ExportProgress): boolean {
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i];
    if (b === 0x22) inQuotes = !inQuotes;
    else if (b === 0x0a && !inQuotes) progress.rows++;
  }
  return inQuotes;
}

export async function* csvPassthroughChunks(
  clickhouse: ClickHouse,
  request: ExportRequest,
  settings: Record<string, string | number>,
  progress: ExportProgress,
): AsyncGenerator<string | Uint8Array> {
  const query = sliceSql(clickhouse, request.query, {
    select: csvRecordSql(request.columns),
    columns: request.columns.map((c) => c.name),
    tail: SLICE_ORDER,
  });
  const bytes = clickhouse.streamBytes(query, 'TabSeparatedRaw', settings);
  // The query answers before the header goes out, so a failing one is still an HTTP error.
  const first = await bytes.next();
  yield csvHeader(request.columns);
  if (first.done) return;
  let inQuotes = countRecords(first.value, false, progress);
  yield first.value;
  for await (const chunk of bytes) {
    inQuotes = countRecords(chunk, inQuotes, progress);
    yield chunk;
  }
}
