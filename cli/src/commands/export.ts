import { HttpError } from '@rift/core';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { buildMethodology, exportChunks, type ExportRequest, parseExportRequest } from '@rift/api';
import { SLICE_OPTIONS, SLICE_USAGE, sliceInput } from '../slice-options.ts';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

/** Parses the options with the API's own rules, so a slice means the same on both. */
function parseRequest(values: Record<string, string | undefined>): ExportRequest {
  const { format, columns, output: _output, 'csv-safe': csvSafe, bom, unit, copies, correction, ...filters } = values;
  try {
    return parseExportRequest({ ...sliceInput(filters), format, columns, csv_safe: csvSafe, bom, unit, copies, correction });
  } catch (err) {
    if (err instanceof HttpError) throw new UsageError(err.message);
    throw err;
  }
}

const command: Command = {
  summary: 'export a filtered slice of posts as CSV or JSONL, with a methodology file beside it',
  usage: [
    'Usage: rift export --format csv|jsonl --output FILE [--columns a,b,c] [--csv-safe false] [--bom true]',
    '       [--unit author|post] [--copies all|once] [--correction confusion|none] [filters]',
    '',
    'CSV text cells a spreadsheet could run as a formula get a leading apostrophe; --csv-safe false',
    'writes the exact text (for analysis tools). --bom true starts the CSV with a UTF-8 byte-order',
    'mark (Excel with Chinese text). --copies once writes only the first post of each copy cluster;',
    '--unit and --correction are recorded in the methodology file, which defines all three.',
    'Writes FILE and FILE.methodology.json (filters, counts, model versions, topic pack,',
    'software version, column definitions, gaps in collection). Columns: see GET /api/export/dictionary or api/README.md.',
    SLICE_USAGE,
  ].join('\n'),
  async run(args) {
    const { values } = parseCommandArgs(args, {
      format: { type: 'string', default: 'csv' },
      output: { type: 'string' },
      columns: { type: 'string' },
      'csv-safe': { type: 'string' },
      bom: { type: 'string' },
      unit: { type: 'string' },
      copies: { type: 'string' },
      correction: { type: 'string' },
      ...SLICE_OPTIONS,
    });
    if (!values.output) throw new UsageError('--output FILE is required');
    const output = values.output;
    const request = parseRequest(values);
    const runtime = await openRuntime({ name: 'rift-export', migrate: true });
    try {
      const methodology = await buildMethodology(runtime.clickhouse, runtime.pack, request);
      const started = Date.now();
      const progress = { rows: 0 };
      // Written under a temporary name: FILE only exists once every row is in it.
      const partial = `${output}.partial`;
      try {
        await pipeline(Readable.from(exportChunks(runtime.clickhouse, request, progress)), createWriteStream(partial));
        await rename(partial, output);
      } catch (err) {
        await rm(partial, { force: true });
        throw err;
      }
      const seconds = (Date.now() - started) / 1000;
      const file = {
        path: output,
        bytes: (await stat(output)).size,
        rows_written: progress.rows,
        finished_at: new Date().toISOString(),
        seconds,
        ...(progress.rows !== methodology.row_count && {
          note: `rows_written differs from row_count: posts were added or re-scored while exporting`,
        }),
      };
      await writeFile(`${output}.methodology.json`, `${JSON.stringify({ ...methodology, file }, null, 2)}\n`);
      console.log(`export: ${progress.rows} rows to ${output} in ${seconds.toFixed(1)} s; methodology in ${output}.methodology.json`);
    } finally {
      await runtime.close();
    }
    return 0;
  },
};

export default command;
