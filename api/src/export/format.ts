import type { ExportColumn } from './dictionary.ts';
import { neutraliseFormula } from './formula.ts';

export { neutraliseFormula, restoreNeutralised } from './formula.ts';

/**
 * Writing export rows as CSV (RFC 4180) or JSON Lines.
 *
 * CSV: a header line, then one record per post; records end with CRLF; every cell but a
 * number is quoted, with quotes doubled, so commas, quotes and line breaks inside texts are
 * safe. By default text cells a spreadsheet could run as a formula get a leading apostrophe
 * (formula.ts); `csv_safe=false` writes the exact text instead. Numbers are never changed: -0.5
 * is a number, not a formula, and must stay one. JSON Lines is not read by spreadsheets, so its
 * strings are exact. In both, a NUL character is written as U+FFFD (see NUL_RULE).
 */

export const FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** Joins list values in a CSV cell; topics and pack terms never contain it. */
export const LIST_SEPARATOR = '|';

/** The UTF-8 byte-order mark that `bom=true` puts before a CSV file (Excel reads UTF-8 by it). */
export const UTF8_BOM = '\ufeff';

/** What a NUL character becomes in every export: U+FFFD, so no file ever holds a raw NUL byte. */
export const NUL_REPLACEMENT = '\ufffd';

export function replaceNul(value: string): string {
  return value.includes('\0') ? value.replaceAll('\0', NUL_REPLACEMENT) : value;
}

/** How CSV text cells are written: neutralised for spreadsheets (the default) or exact. */
export interface CsvOptions {
  safe: boolean;
}

export const SAFE_CSV: CsvOptions = { safe: true };

function quoted(value: string): string {
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

/** A quoted CSV text cell, formula-neutralised unless `safe` is false. */
export function csvText(value: string, options: CsvOptions = SAFE_CSV): string {
  const text = replaceNul(value);
  return quoted(options.safe ? neutraliseFormula(text) : text);
}

/** A DateTime read as Unix seconds, as ISO 8601 UTC to the second. */
export function isoSeconds(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}

type Row = Record<string, unknown>;

type CellWriter = (value: unknown, options: CsvOptions) => string;

const CSV_CELL: Record<ExportColumn['kind'], CellWriter> = {
  text: (value, options) => csvText(String(value ?? ''), options),
  list: (value, options) => csvText((value as string[]).join(LIST_SEPARATOR), options),
  boolean: (value) => (value === 1 || value === true ? '"true"' : '"false"'),
  datetime: (value) => `"${isoSeconds(Number(value))}"`,
  // ClickHouse sends numbers as JSON numbers (64-bit integers as strings): digits only.
  number: (value) => String(value),
  integer: (value) => String(value),
};

function jsonValue(column: ExportColumn, value: unknown): unknown {
  switch (column.kind) {
    case 'boolean':
      return value === 1 || value === true;
    case 'datetime':
      return isoSeconds(Number(value));
    case 'integer':
    case 'number':
      return Number(value);
    case 'text':
      return replaceNul(String(value ?? ''));
    case 'list':
      return (value as string[]).map(replaceNul);
    default:
      return value;
  }
}

export function csvHeaderNames(names: readonly string[]): string {
  return `${names.map((name) => csvText(name)).join(',')}\r\n`;
}

export function csvHeader(columns: readonly ExportColumn[]): string {
  return csvHeaderNames(columns.map((c) => c.name));
}

/** A function that writes one CSV record; the per-column writers are picked once, not per row. */
export function csvRecordWriter(columns: readonly ExportColumn[], options: CsvOptions = SAFE_CSV): (row: Row) => string {
  const names = columns.map((c) => c.name);
  const writers = columns.map((c) => CSV_CELL[c.kind]);
  return (row) => {
    let line = writers[0]!(row[names[0]!], options);
    for (let i = 1; i < writers.length; i++) line += `,${writers[i]!(row[names[i]!], options)}`;
    return `${line}\r\n`;
  };
}

export function csvRecord(columns: readonly ExportColumn[], row: Row, options: CsvOptions = SAFE_CSV): string {
  return csvRecordWriter(columns, options)(row);
}

export function jsonlRecord(columns: readonly ExportColumn[], row: Row): string {
  const out: Row = {};
  for (const column of columns) out[column.name] = jsonValue(column, row[column.name]);
  return `${JSON.stringify(out)}\n`;
}

/** The serialiser of one format: an optional header and one function per row. */
export function serializer(format: ExportFormat, columns: readonly ExportColumn[], options: CsvOptions = SAFE_CSV) {
  return format === 'csv'
    ? { header: csvHeader(columns), record: csvRecordWriter(columns, options) }
    : { header: '', record: (row: Row) => jsonlRecord(columns, row) };
}
