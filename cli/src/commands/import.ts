import { checkFileIds, describeIdConflicts, feed, PostProducer, readColumns, type ReadFileOptions, readPostsFromFile, RelevanceFilter, resolveFieldMap, RunRecorder, suggestMapping } from '@rift/ingest';
import { setTimeout as sleep } from 'node:timers/promises';
import { isQueueIdle, loadConfig } from '@rift/core';
import { checkImportFile, ImportRefusedError } from '../import-guard.ts';
import { isZeeschuimerImport, runZeeschuimerImport } from './import-zeeschuimer.ts';
import { openRuntime } from '../runtime.ts';
import { WorkerProcesses } from '../worker-processes.ts';
import { parseCommandArgs, positiveInteger } from '../args.ts';
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
async function nothingQueued(file: string, options: ReadFileOptions, offTopic: number): Promise<string> {
  if (offTopic > 0) return 'rift import: nothing was queued: every row was off topic (drop --match-topic to keep them)';
  const { map } = options;
  const columns = await readColumns(file, options);
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
    'Usage: rift import FILE [--map field=column,...] [--source NAME] [--format jsonl|csv|zeeschuimer] [--encoding NAME] [--match-topic] [--workers N]',
    '',
    'Every valid row is kept (the researcher chose them), with the topic pack terms it mentions recorded;',
    '--match-topic keeps only the rows that mention them.',
    'Canonical fields: id, text, created_at, url, lang, author.handle (or just author), author.name,',
    'author.description, author.verified_domain, engagement.likes, engagement.reposts, engagement.replies.',
    'FILE may be any path you can read. When no row could be queued the command exits 1 and names',
    'the columns it found and a --map that fits them.',
    'Bad rows go to the dead-letter list with their line number (see rift dlq list).',
    'A Zeeschuimer export (RedNote, TikTok, Douyin) is read as one without --format when its lines',
    'carry the extension\'s envelope; its posts go under the sources rednote, tiktok and douyin.',
    'Files are read as UTF-8; name another encoding with --encoding (latin1, windows-1252, gb18030, shift_jis, ...).',
    'Without --workers the rows wait on the queue for the workers of a running `rift start`; with',
    '--workers N this command runs N analyze worker processes itself and returns once every row is stored.',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      args,
      { map: { type: 'string' }, source: { type: 'string', default: 'file' }, format: { type: 'string' }, encoding: { type: 'string' }, 'match-topic': { type: 'boolean', default: false }, workers: { type: 'string' } },
      true,
    );
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('give exactly one FILE');
    if (values.format && !['jsonl', 'csv', 'zeeschuimer'].includes(values.format)) throw new UsageError('--format must be jsonl, csv or zeeschuimer');
    const map = parseMap(values.map);
    const workerCount = values.workers === undefined ? 0 : positiveInteger(values.workers, '--workers', 1);
    const config = loadConfig();
    try {
      await checkImportFile(file, { maxBytes: config.RIFT_IMPORT_MAX_BYTES });
    } catch (err) {
      if (!(err instanceof ImportRefusedError)) throw err;
      console.error(`rift import: ${err.message}`);
      return 2;
    }
    if (await isZeeschuimerImport(file, values)) return runZeeschuimerImport(file, values);
    const readOptions = { map, source: values.source, format: values.format as 'jsonl' | 'csv' | undefined, encoding: values.encoding };
    // Before anything is queued: one id per post, or the import stops and says which ids.
    const ids = await checkFileIds(file, readOptions);
    if (ids.conflictingIds > 0) {
      console.error(`rift import: ${describeIdConflicts(ids, map?.id ?? 'id')}`);
      return 1;
    }
    const runtime = await openRuntime({ name: 'rift-import', migrate: true });
    const producer = new PostProducer(runtime.postsQueue, runtime.redis, {
      batchSize: runtime.config.RIFT_BATCH_SIZE,
      prefix: runtime.config.RIFT_QUEUE_PREFIX,
    });
    const progress = new ProgressLine();
    const workers = new WorkerProcesses(workerCount, runtime.log);
    try {
      const relevance = new RelevanceFilter(runtime.pack);
      const matchTopic = values['match-topic'];
      let offTopic = 0;
      let repeats = 0;
      const rows = (async function* () {
        for await (const row of readPostsFromFile(file, readOptions)) {
          if (ids.repeatLines.has(row.line)) {
            repeats++;
            continue;
          }
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
      if (workers.count > 0) {
        while (!(await isQueueIdle(runtime.postsQueue))) {
          progress.update(`import: ${s.accepted} queued; ${workers.count} workers analysing and storing them`);
          await sleep(250);
        }
      }
      const stored = workers.count > 0 ? ', analysed and stored' : '';
      progress.done(
        `import: ${read + offTopic + repeats} rows read, ${s.accepted} queued${stored}, ${repeats} duplicates within the file, ${s.duplicates} already stored${skipped}, ${s.rejected} rejected (rift dlq list)`,
      );
      // A re-import that queues nothing new is fine; a file from which nothing could be queued is not.
      if (s.accepted === 0 && s.duplicates === 0) {
        console.error(await nothingQueued(file, readOptions, offTopic));
        return 1;
      }
    } finally {
      await workers.stop();
      await runtime.close();
    }
    return 0;
  },
};

export default command;
