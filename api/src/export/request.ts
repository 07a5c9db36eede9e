import { badRequest } from '@rift/core';
import { copiesProperty, parsePostQuery, postFilterProperties, type PostQuery, type PostQueryInput, type Unit } from '@rift/queries';
import { DIVIDE_UNIT_PROPERTIES } from '../routes/divide.ts';
import { parseColumns, type ExportColumn } from './dictionary.ts';
import { FORMATS, type ExportFormat } from './format.ts';

export interface ExportRequest {
  query: PostQuery;
  columns: readonly ExportColumn[];
  format: ExportFormat;
  /** CSV only: formula-neutralised text (the default) or exact, and a leading UTF-8 BOM. */
  csv: { safe: boolean; bom: boolean };
  /** How the slice's shares are read (per post or author, raw or corrected); the rows are the same either way. */
  counting: { unit: Unit; correction: 'none' | 'confusion' };
}

/** Counts the records an export has written so far. */
export interface ExportProgress {
  rows: number;
}

/** Export parameters: the slice filters plus format and columns, as the API and CLI receive them. */
export type ExportInput = PostQueryInput & { format?: string; columns?: string; csv_safe?: string | boolean; bom?: string | boolean; unit?: string; correction?: string };

const { unit: unitProperty, correction: correctionProperty } = DIVIDE_UNIT_PROPERTIES;

/** The JSON schema of the export parameters, shared by /api/export and /api/export/methodology. */
export const exportQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    format: { type: 'string', enum: FORMATS, default: 'csv', description: 'CSV, or JSON Lines (one post per line)' },
    columns: { type: 'string', maxLength: 4096, description: 'Comma-separated column names from /api/export/dictionary; default all but the optional ones' },
    csv_safe: {
      type: 'string',
      enum: ['true', 'false'],
      default: 'true',
      description:
        'CSV only. true (default, for spreadsheets): a text cell starting with = + - @, their fullwidth forms, an apostrophe or whitespace gets a leading apostrophe so no formula runs. false (for analysis tools): every text exactly as stored.',
    },
    bom: {
      type: 'string',
      enum: ['true', 'false'],
      default: 'false',
      description: 'CSV only. true puts a UTF-8 byte-order mark before the header, so Excel reads Chinese and other non-ASCII text as UTF-8.',
    },
    ...postFilterProperties,
    // How the slice's shares are to be read: recorded in the sidecar with their definitions.
    unit: unitProperty,
    correction: correctionProperty,
    // The rows themselves: every post (the default), or the first post of each copy cluster.
    ...copiesProperty('all'),
  },
} as const;

type Correction = (typeof correctionProperty.enum)[number];

/** A true/false parameter; absent means its default. */
function parseFlag(name: string, value: string | boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw badRequest(`${name} must be true or false`);
}

export function parseExportRequest(input: ExportInput): ExportRequest {
  const format = (input.format ?? 'csv') as ExportFormat;
  if (!FORMATS.includes(format)) throw badRequest(`format must be one of: ${FORMATS.join(', ')}`);
  const csv = { safe: parseFlag('csv_safe', input.csv_safe, true), bom: parseFlag('bom', input.bom, false) };
  // Said rather than ignored: JSON Lines always holds the exact text and never a BOM.
  if (format !== 'csv' && (!csv.safe || csv.bom)) throw badRequest('csv_safe and bom apply to format=csv only; JSON Lines always holds the exact text, without a BOM');
  const unit = (input.unit ?? unitProperty.default) as Unit;
  if (!unitProperty.enum.includes(unit)) throw badRequest(`unit must be one of: ${unitProperty.enum.join(', ')}`);
  const correction = (input.correction ?? correctionProperty.default) as Correction;
  if (!correctionProperty.enum.includes(correction)) throw badRequest(`correction must be one of: ${correctionProperty.enum.join(', ')}`);
  return { query: parsePostQuery(input), columns: parseColumns(input.columns), format, csv, counting: { unit, correction } };
}

/** A file name that says what the file holds, e.g. rift-export-2024-06-01_2024-07-01.csv. */
export function exportFileName(request: ExportRequest): string {
  const day = (d: Date | undefined) => d?.toISOString().slice(0, 10);
  const span = [day(request.query.from) ?? 'start', day(request.query.to) ?? 'end'].join('_');
  return `rift-export-${span}.${request.format}`;
}
