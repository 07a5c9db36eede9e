import type { ClickHouse } from '@rift/core/clickhouse';
import { identifier, joinSql, sql, type Sql } from '@rift/core/sql';
import { SLICE_ORDER, sliceSql } from '../queries/posts.ts';
import type { ExportColumn } from './dictionary.ts';
import { csvHeader, LIST_SEPARATOR, NUL_REPLACEMENT, UTF8_BOM, type CsvOptions } from './format.ts';
import { neutraliseFormulaSql } from './formula.ts';
import type { ExportProgress, ExportRequest } from './stream.ts';

/**
 * The CSV export written by ClickHouse's own CSV writer (quoting, doubled quotes, numbers), with
 * each cell given its documented form by a few cheap expressions: formula neutralisation, ISO
 * times, true/false, lists joined with LIST_SEPARATOR. They run after the sort, on the sorted
 * stream: computed before it, their strings would be copied through every merge of the sort.
 *
 * ClickHouse 18.16 ends CSV records with LF only, and a LF can also sit inside a quoted text,
 * so the query adds one last cell holding a CR: `,"\r"\n` can only be that cell (inside a quoted
 * cell every quote is doubled, and no real cell ends a record), and Node rewrites it to `\r\n`
 * with a native search, counting records as it goes, instead of reading every byte itself.
 */

/** The cell ClickHouse writes last in every record, and what it becomes. */
const RECORD_MARK = Buffer.from(',"\r"\n');
const RECORD_END = Buffer.from('\r\n');
const NUL_BYTES = Buffer.from(NUL_REPLACEMENT);

function cell(column: ExportColumn, options: CsvOptions): Sql {
  const c = identifier(column.name);
  const text = (value: Sql) => (options.safe && !column.vocabulary ? neutraliseFormulaSql(value) : value);
  switch (column.kind) {
    case 'text':
      // Enum columns are vocabulary: ClickHouse writes their labels quoted, as text.
      return column.vocabulary ? c : text(c);
    case 'list':
      return text(sql`arrayStringConcat(${c}, ${LIST_SEPARATOR})`);
    case 'boolean':
      return sql`if(${c} = 1, 'true', 'false')`;
    case 'datetime':
      return sql`formatDateTime(${c}, '%FT%TZ')`;
    default:
      return c;
  }
}

export function csvExportSql(clickhouse: ClickHouse, columns: readonly ExportColumn[], query: ExportRequest['query'], options: CsvOptions): Sql {
  const names = columns.map((c) => c.name);
  const sorted = sliceSql(clickhouse, query, { select: joinSql(names.map(identifier), ', '), columns: names, tail: SLICE_ORDER });
  const cells = columns.map((c, i) => sql`${cell(c, options)} AS ${identifier(`c${i}`)}`);
  return sql`SELECT ${joinSql(cells, ', ')}, '\\r' AS record_end FROM (${sorted})`;
}

/** Replaces each NUL byte (never in CSV syntax, so only inside a text) with U+FFFD. */
function replaceNulBytes(bytes: Buffer): Buffer {
  if (bytes.indexOf(0) === -1) return bytes;
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0); i !== -1; i = bytes.indexOf(0, start)) {
    parts.push(bytes.subarray(start, i), NUL_BYTES);
    start = i + 1;
  }
  parts.push(bytes.subarray(start));
  return Buffer.concat(parts);
}

/**
 * Turns ClickHouse's CSV bytes into the export's: each record mark becomes CRLF, NULs become
 * U+FFFD. Up to four bytes that may begin a mark wait for the next chunk.
 */
export class RecordEnds {
  private carry: Buffer = Buffer.alloc(0);
  rows = 0;

  push(chunk: Uint8Array): Buffer {
    const input = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const data = this.carry.length ? Buffer.concat([this.carry, input]) : input;
    const out = Buffer.allocUnsafe(data.length);
    let written = 0;
    let start = 0;
    for (let i = data.indexOf(RECORD_MARK); i !== -1; i = data.indexOf(RECORD_MARK, start)) {
      written += data.copy(out, written, start, i);
      written += RECORD_END.copy(out, written);
      start = i + RECORD_MARK.length;
      this.rows++;
    }
    const keep = Math.max(start, data.length - (RECORD_MARK.length - 1));
    written += data.copy(out, written, start, keep);
    this.carry = Buffer.from(data.subarray(keep));
    return replaceNulBytes(out.subarray(0, written));
  }

  /** What is left at the end: nothing, when ClickHouse finished every record. */
  end(): Buffer {
    const rest = this.carry;
    this.carry = Buffer.alloc(0);
    return replaceNulBytes(rest);
  }
}

export async function* csvPassthroughChunks(
  clickhouse: ClickHouse,
  request: ExportRequest,
  settings: Record<string, string | number>,
  progress: ExportProgress,
): AsyncGenerator<string | Uint8Array> {
  const query = csvExportSql(clickhouse, request.columns, request.query, { safe: request.csv.safe });
  const bytes = clickhouse.streamBytes(query, 'CSV', settings);
  // The query answers before the header goes out, so a failing one is still an HTTP error.
  const first = await bytes.next();
  yield `${request.csv.bom ? UTF8_BOM : ''}${csvHeader(request.columns)}`;
  if (first.done) return;
  const ends = new RecordEnds();
  const counted = (out: Buffer) => {
    progress.rows = ends.rows;
    return out;
  };
  yield counted(ends.push(first.value));
  for await (const chunk of bytes) {
    const out = counted(ends.push(chunk));
    if (out.length) yield out;
  }
  const rest = ends.end();
  if (rest.length) yield rest;
}
