import type { ExportColumn } from './dictionary.ts';

/**
 * Writing export rows as CSV (RFC 4180) or JSON Lines.
 *
 * CSV: a header line, then one record per post; records end with CRLF; every text and list
 * cell is quoted, with quotes doubled, so commas, quotes and line breaks inside texts are safe.
 * Spreadsheets run a cell that starts with =, +, -, @, tab or CR as a formula, so such text
 * cells get a leading apostrophe (OWASP's "CSV injection" advice), and so do cells that
 * already start with one, which keeps the change reversible. Numbers are never changed:
 * -0.5 is a number, not a formula, and must stay one. JSON Lines is not read by spreadsheets,
 * so its strings are exact.
 */

export const FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** Joins list values in a CSV cell; topics and pack terms never contain it. */
export const LIST_SEPARATOR = '|';

/**
 * Prefixes an apostrophe to a cell a spreadsheet would evaluate as a formula. A cell that
 * already starts with an apostrophe gets one too, so removing exactly one leading apostrophe
 * from any prefixed cell gives back the exact text.
 */
export function neutraliseFormula(value: string): string {
  // A switch on the first code unit: this runs for every text cell of every exported row.
  switch (value.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // CR
    case 0x27: // '
      return `'${value}`;
    default:
      return value;
  }
}

/** Undoes neutraliseFormula on a cell read back from one of our CSV files. */
export function restoreNeutralised(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

/** A quoted, formula-neutralised CSV text cell. */
export function csvText(value: string): string {
  const safe = neutraliseFormula(value);
  return safe.includes('"') ? `"${safe.replaceAll('"', '""')}"` : `"${safe}"`;
}

/** A DateTime read as Unix seconds, as ISO 8601 UTC to the second. */
export function isoSeconds(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}

type Row = Record<string, unknown>;

type CellWriter = (value: unknown) => string;

const CSV_CELL: Record<ExportColumn['kind'], CellWriter> = {
  text: (value) => csvText(String(value ?? '')),
  list: (value) => csvText((value as string[]).join(LIST_SEPARATOR)),
  boolean: (value) => (value === 1 || value === true ? 'true' : 'false'),
  datetime: (value) => isoSeconds(Number(value)),
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
    default:
      return value;
  }
}

export function csvHeaderNames(names: readonly string[]): string {
  return `${names.map(csvText).join(',')}\r\n`;
}

export function csvHeader(columns: readonly ExportColumn[]): string {
  return csvHeaderNames(columns.map((c) => c.name));
}

/** A function that writes one CSV record; the per-column writers are picked once, not per row. */
export function csvRecordWriter(columns: readonly ExportColumn[]): (row: Row) => string {
  const names = columns.map((c) => c.name);
  const writers = columns.map((c) => CSV_CELL[c.kind]);
  return (row) => {
    let line = writers[0]!(row[names[0]!]);
    for (let i = 1; i < writers.length; i++) line += `,${writers[i]!(row[names[i]!])}`;
    return `${line}\r\n`;
  };
}

export function csvRecord(columns: readonly ExportColumn[], row: Row): string {
  return csvRecordWriter(columns)(row);
}

export function jsonlRecord(columns: readonly ExportColumn[], row: Row): string {
  const out: Row = {};
  for (const column of columns) out[column.name] = jsonValue(column, row[column.name]);
  return `${JSON.stringify(out)}\n`;
}

/** The serialiser of one format: an optional header and one function per row. */
export function serializer(format: ExportFormat, columns: readonly ExportColumn[]) {
  return format === 'csv'
    ? { header: csvHeader(columns), record: csvRecordWriter(columns) }
    : { header: '', record: (row: Row) => jsonlRecord(columns, row) };
}
