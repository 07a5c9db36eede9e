/**
 * The file source: streams a researcher's JSONL or CSV file (optionally gzipped) into canonical
 * posts, one row at a time so any size fits in constant memory. Every row comes out, either as a
 * post or as an error with its line number: a bad row is reported, never silently dropped.
 */
import { open as openFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import type { PostInput } from '@rift/core';
import { checkSourceName, mapRow, resolveFieldMap, type FieldMap, type Row } from './file-map.ts';
import { checkEncoding, nulProblem, SafeTextStream } from './file-text.ts';

export type FileFormat = 'jsonl' | 'csv';

/**
 * `line` is the row's first line in the file; `error` is the reason without the line number
 * ("created_at: ..."), which callers put in front ("line 7: created_at: ...") as feed() does.
 */
export type FileRow = { line: number; post: PostInput } | { line: number; error: string };

export interface ReadFileOptions {
  /** Canonical field -> column name (or dotted path into nested JSON); unmapped fields use their own name. */
  map?: Record<string, string>;
  /** Label of the rows; `file` unless given. */
  source?: string;
  /** Read from the extension (.jsonl, .ndjson, .csv, each optionally .gz) unless given. */
  format?: FileFormat;
  /** The file's text encoding (a WHATWG label such as latin1 or gb18030); UTF-8 unless given. */
  encoding?: string;
  /** Longest line read; longer ones are reported, never held whole (file-text.ts). */
  maxLineBytes?: number;
}

export function formatFromName(file: string): FileFormat {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.csv')) return 'csv';
  throw new Error(`cannot tell the format of ${file} from its extension; expected .jsonl, .ndjson or .csv (or pass the format)`);
}

/** Opened up front so a missing or unreadable file is one clear error, not a stalled stream. */
async function open(file: string): Promise<Readable> {
  const stream = (await openFile(file)).createReadStream();
  if (!file.toLowerCase().endsWith('.gz')) return stream;
  const gunzip = createGunzip();
  stream.on('error', (err) => gunzip.destroy(err));
  gunzip.on('close', () => stream.destroy());
  return stream.pipe(gunzip);
}

export async function* readPostsFromFile(file: string, options: ReadFileOptions = {}): AsyncGenerator<FileRow> {
  // Usage errors surface before any row is read, not as one error per row.
  const fields = resolveFieldMap(options.map);
  const source = options.source ?? 'file';
  checkSourceName(source);
  const format = options.format ?? formatFromName(file);
  if (options.encoding) checkEncoding(options.encoding);
  const input = await open(file);
  const text = new SafeTextStream({ encoding: options.encoding, maxLineBytes: options.maxLineBytes });
  // pipe() does not forward a read error (a corrupt .gz): without this the readers would wait forever.
  input.on('error', (err) => text.destroy(err));
  input.pipe(text);
  try {
    const rows = format === 'csv' ? csvRows(text, text.tooLong) : jsonlRows(text, text.tooLong);
    for await (const row of rows) yield toFileRow(row, fields, source);
  } finally {
    // A consumer that stops early must not leave the file open.
    input.destroy();
    text.destroy();
  }
}

/** Leaf paths of a JSON row, dotted as --map takes them: {user: {screen_name}} gives user.screen_name. */
function leafPaths(row: Row, prefix = '', depth = 0): string[] {
  return Object.entries(row).flatMap(([key, value]) =>
    value && typeof value === 'object' && !Array.isArray(value) && depth < 3 ? leafPaths(value as Row, `${prefix}${key}.`, depth + 1) : [`${prefix}${key}`],
  );
}

/** The columns of the file's first row (the CSV header, the first JSON object's leaf paths); empty when it has no row. */
export async function readColumns(file: string, options: Pick<ReadFileOptions, 'format' | 'encoding'> = {}): Promise<string[]> {
  const format = options.format ?? formatFromName(file);
  if (options.encoding) checkEncoding(options.encoding);
  const input = await open(file);
  const text = new SafeTextStream({ encoding: options.encoding });
  input.on('error', (err) => text.destroy(err));
  input.pipe(text);
  try {
    for await (const raw of format === 'csv' ? csvRows(text, text.tooLong) : jsonlRows(text, text.tooLong)) {
      if ('row' in raw) return leafPaths(raw.row);
    }
    return [];
  } finally {
    input.destroy();
    text.destroy();
  }
}

type RawRow = { line: number; row: Row } | { line: number; error: string };

function toFileRow(raw: RawRow, fields: FieldMap, source: string): FileRow {
  if ('error' in raw) return raw;
  const mapped = mapRow(raw.row, fields, source);
  return mapped.ok ? { line: raw.line, post: mapped.post } : { line: raw.line, error: mapped.reason };
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** One JSON object per line; blank lines are skipped (they hold no row), anything else is reported. */
async function* jsonlRows(input: Readable, tooLong: ReadonlyMap<number, string>): AsyncGenerator<RawRow> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    const body = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    const cut = tooLong.get(line);
    if (cut) yield { line, error: cut };
    if (body.trim() === '') continue;
    // Raw NUL bytes are refused with the same words as escaped ones below and as CSV's.
    if (body.includes('\u0000')) {
      yield { line, error: 'the row contains a NUL character (U+0000)' };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (err) {
      yield { line, error: `invalid JSON: ${(err as Error).message}` };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, error: `expected a JSON object, found ${describe(value)}` };
      continue;
    }
    const nul = nulProblem(value);
    yield nul ? { line, error: nul } : { line, row: value as Row };
  }
}

/** Line breaks inside one field (quoted newlines); \r\n counts once. */
function breaksIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) for (const _ of f.matchAll(/\r\n|\r|\n/g)) n++;
  return n;
}

/**
 * CSV with a header row. csv-parse's own line counter misreads quoted CRLF, so the first line of
 * each record is counted here: every record ends at one unquoted line break, and its quoted
 * fields hold the rest. Empty lines come through as one empty field and are skipped.
 */
async function* csvRows(input: Readable, tooLong: ReadonlyMap<number, string>): AsyncGenerator<RawRow> {
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  input.on('error', (err) => parser.destroy(err));
  let header: string[] | undefined;
  let line = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const start = line;
      line += 1 + breaksIn(record);
      // A line that was too long to read leaves its record incomplete: report it, never store the rest.
      const cut = [...tooLong.keys()].find((at) => at >= start && at < line);
      if (cut !== undefined) {
        yield { line: cut, error: tooLong.get(cut)! };
        continue;
      }
      if (record.length === 1 && record[0] === '') continue;
      if (!header) {
        header = record.map((h) => h.trim());
        continue;
      }
      if (record.length !== header.length) {
        yield { line: start, error: `expected ${header.length} fields as in the header, found ${record.length}` };
        continue;
      }
      const row: Row = {};
      header.forEach((name, i) => (row[name] = record[i]));
      const nul = nulProblem(row);
      yield nul ? { line: start, error: nul } : { line: start, row };
    }
  } catch (err) {
    // A read error (a corrupt .gz) is not a row's fault: it fails the import, as it does for JSONL.
    if (!String((err as { code?: unknown }).code).startsWith('CSV_')) throw err;
    // The parser cannot go on after a CSV error (an unclosed quote, say): report where the broken record starts.
    yield { line, error: `invalid CSV, reading stopped: ${(err as Error).message}` };
  }
}
