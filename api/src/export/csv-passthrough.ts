import { type ClickHouse, identifier, joinSql, sql, type Sql } from '@rift/core';
import { SLICE_ORDER, sliceSql } from '@rift/queries';
import type { ExportColumn } from './dictionary.ts';
import { csvHeader, LIST_SEPARATOR, NUL_REPLACEMENT, UTF8_BOM, type CsvOptions } from './format.ts';
import { neutraliseFormulaSql } from './formula.ts';
import type { ExportProgress, ExportRequest } from './request.ts';

/**
 * The CSV export written by ClickHouse's own CSV writer (quoting, doubled quotes, numbers), with
 * each cell given its documented form by a few cheap expressions: formula neutralisation, ISO
 * times, true/false, lists joined with LIST_SEPARATOR. They run after the sort, on the sorted
 * stream: computed before it, their strings would be copied through every merge of the sort.
 *
 * ClickHouse 18.16 ends CSV records with LF only, and a LF can also sit inside a quoted text,
 * so the query adds one last cell holding a CR: `,"\r"\n` can only be that cell (inside a quoted
 * cell every quote is doubled, and no real cell ends a record), and Node rewrites it to `\r\n`
 * with one native split and join per chunk, counting records as it goes, instead of reading every
 * byte itself.
 */

/** The cell ClickHouse writes last in every record; it becomes CRLF. */
const RECORD_MARK = Buffer.from(',"\r"\n');
/**
 * The rewrite runs on latin1 strings: latin1 maps each byte to one character and back, so every
 * byte (UTF-8 sequences included) passes unchanged, and one native split and join per chunk
 * replaces a search and a copy per record.
 */
const RECORD_MARK_TEXT = RECORD_MARK.toString('latin1');
const NUL_TEXT = Buffer.from(NUL_REPLACEMENT).toString('latin1');

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

/**
 * Turns ClickHouse's CSV bytes into the export's: each record mark becomes CRLF, NULs (never in
 * CSV syntax, so only inside a text) become U+FFFD. Bytes that may begin a mark cut by the chunk's
 * end wait for the next chunk.
 */
export class RecordEnds {
  private carry: Buffer = Buffer.alloc(0);
  rows = 0;

  push(chunk: Uint8Array): Buffer {
    const input = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const data = this.carry.length ? Buffer.concat([this.carry, input]) : input;
    // Only the last 4 bytes can hold the start of a mark that is not whole yet, unless a whole one ends there.
    let cut = Math.max(0, data.length - (RECORD_MARK.length - 1));
    const last = data.lastIndexOf(RECORD_MARK);
    if (last !== -1 && last + RECORD_MARK.length > cut) cut = last + RECORD_MARK.length;
    this.carry = Buffer.from(data.subarray(cut));
    return this.rewrite(data.toString('latin1', 0, cut));
  }

  /** What is left at the end: nothing, when ClickHouse finished every record. */
  end(): Buffer {
    const rest = this.carry.toString('latin1');
    this.carry = Buffer.alloc(0);
    return this.rewrite(rest);
  }

  private rewrite(text: string): Buffer {
    const records = text.split(RECORD_MARK_TEXT);
    this.rows += records.length - 1;
    const joined = records.join('\r\n');
    return Buffer.from(joined.includes('\0') ? joined.replaceAll('\0', NUL_TEXT) : joined, 'latin1');
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
