import { feed } from '@rift/ingest/feed';
import { PostProducer } from '@rift/ingest/producer';
import { RelevanceFilter } from '@rift/ingest/relevance';
import { RunRecorder } from '@rift/ingest/run-recorder';
import { readColumns, readPostsFromFile, type FileFormat } from '@rift/ingest/sources/file';
import { resolveFieldMap, suggestMapping } from '@rift/ingest/sources/file-map';
import { loadConfig } from '@rift/core/config';
import { checkImportFile, ImportRefusedError } from '../../import-guard.ts';
import { openRuntime } from '../../runtime.ts';
import { parseCommandArgs } from '../args.ts';
import { ProgressLine } from '../progress.ts';
import { UsageError, type Command } from '../command.ts';

/** Parses `text=body,created_at=date` into { text: 'body', created_at: 'date' }. */
export function parseMap(spec: string | undefined): Record<string, string> | undefined {
  if (!spec) return undefined;
  const map: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const [field, column, ...extra] = pair.split('=');
    if (!field || !column || extra.length) throw new UsageError(`--map expects field=column pairs separated by commas, got "${pair}"`);
    map[field.trim()] = column.trim();
  }
  return map;
}

/** Why nothing was queued, in the words of the file: its columns and a mapping that fits them. */
async function nothingQueued(file: string, format: FileFormat | undefined, map: Record<string, string> | undefined, offTopic: number): Promise<string> {
  if (offTopic > 0) return 'rift import: nothing was queued: every row was off topic (drop --match-topic to keep them)';
  const columns = await readColumns(file, format);
  if (columns.length === 0) return `rift import: nothing was queued: ${file} holds no rows`;
  const fields = resolveFieldMap(map);
  const suggestion = suggestMapping(columns, fields);
  return [
    'rift import: nothing was queued: no row had the fields a post needs (text and created_at).',
    `Columns found: ${columns.join(', ')}`,
    suggestion ? `Try: --map ${[...Object.entries(map ?? {}).filter(([, column]) => columns.includes(column)).map(([k, v]) => `${k}=${v}`), suggestion].join(',')}` : 'Name the columns that hold them with --map text=COLUMN,created_at=COLUMN',
  ].join('\n');
}

const command: Command = {
  summary: 'import posts from a JSONL or CSV file onto the analysis queue',
  usage: [
    'Usage: rift import FILE [--map field=column,...] [--source NAME] [--format jsonl|csv] [--match-topic]',
    '',
    'Every valid row is kept (the researcher chose them), with the topic pack terms it mentions recorded;',
    '--match-topic keeps only the rows that mention them.',
    'Canonical fields: id, text, created_at, url, lang, author.handle (or just author), author.name,',
    'author.description, author.verified_domain, engagement.likes, engagement.reposts, engagement.replies.',
    'FILE may be any path you can read. When no row could be queued the command exits 1 and names',
    'the columns it found and a --map that fits them.',
    'Bad rows go to the dead-letter list with their line number (see rift dlq list).',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      { map: { type: 'string' }, source: { type: 'string', default: 'file' }, format: { type: 'string' }, 'match-topic': { type: 'boolean', default: false } },
      true,
    );
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('give exactly one FILE');
    if (values.format && values.format !== 'jsonl' && values.format !== 'csv') throw new UsageError('--format must be jsonl or csv');
    const map = parseMap(values.map);
    const config = loadConfig();
    try {
      await checkImportFile(file, { maxBytes: config.RIFT_IMPORT_MAX_BYTES });
    } catch (err) {
      if (!(err instanceof ImportRefusedError)) throw err;
      console.error(`rift import: ${err.message}`);
      return 2;
    }
    const runtime = await openRuntime({ name: 'rift-import', migrate: true });
    const producer = new PostProducer(runtime.postsQueue, runtime.redis, {
      batchSize: runtime.config.RIFT_BATCH_SIZE,
      prefix: runtime.config.RIFT_QUEUE_PREFIX,
    });
    const progress = new ProgressLine();
    try {
      const relevance = new RelevanceFilter(runtime.pack);
      const matchTopic = values['match-topic'];
      let offTopic = 0;
      const rows = (async function* () {
        for await (const row of readPostsFromFile(file, { map, source: values.source, format: values.format as 'jsonl' | 'csv' | undefined })) {
          if (!('post' in row)) {
            yield row;
            continue;
          }
          const post = matchTopic ? relevance.apply(row.post) : relevance.annotate(row.post);
          if (post) yield { post };
          else offTopic++;
        }
      })();
      // The import is one run of its source, recorded (failed or not) like a scheduled one.
      const runs = new RunRecorder(runtime.clickhouse, runtime.log);
      const read = await runs.track(values.source, 'import', () => feed(rows, producer, values.source, (n) => progress.update(`import: ${n} rows read`)));
      const s = producer.stats;
      const skipped = matchTopic ? `, ${offTopic} off topic` : '';
      progress.done(`import: ${read + offTopic} rows read, ${s.accepted} queued, ${s.duplicates} already imported${skipped}, ${s.rejected} rejected (rift dlq list)`);
      // A re-import that queues nothing new is fine; a file from which nothing could be queued is not.
      if (s.accepted === 0 && s.duplicates === 0) {
        console.error(await nothingQueued(file, values.format as FileFormat | undefined, map, offTopic));
        return 1;
      }
    } finally {
      await runtime.close();
    }
    return 0;
  },
};

export default command;
