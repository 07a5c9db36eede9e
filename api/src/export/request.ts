import { badRequest } from '../errors.ts';
import { parsePostQuery, postFilterProperties, type PostQueryInput } from '../queries/posts.ts';
import { parseColumns } from './dictionary.ts';
import { FORMATS, type ExportFormat } from './format.ts';
import type { ExportRequest } from './stream.ts';

/** Export parameters: the slice filters plus format and columns, as the API and CLI receive them. */
export type ExportInput = PostQueryInput & { format?: string; columns?: string };

/** The JSON schema of the export parameters, shared by /api/export and /api/export/methodology. */
export const exportQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    format: { type: 'string', enum: FORMATS, default: 'csv', description: 'CSV, or JSON Lines (one post per line)' },
    columns: { type: 'string', maxLength: 4096, description: 'Comma-separated column names from /api/export/dictionary; default all but the optional ones' },
    ...postFilterProperties,
  },
} as const;

export function parseExportRequest(input: ExportInput): ExportRequest {
  const format = (input.format ?? 'csv') as ExportFormat;
  if (!FORMATS.includes(format)) throw badRequest(`format must be one of: ${FORMATS.join(', ')}`);
  return { query: parsePostQuery(input), columns: parseColumns(input.columns), format };
}

/** A file name that says what the file holds, e.g. rift-export-2024-06-01_2024-07-01.csv. */
export function exportFileName(request: ExportRequest): string {
  const day = (d: Date | undefined) => d?.toISOString().slice(0, 10);
  const span = [day(request.query.from) ?? 'start', day(request.query.to) ?? 'end'].join('_');
  return `rift-export-${span}.${request.format}`;
}
