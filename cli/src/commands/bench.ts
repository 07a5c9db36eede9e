import {
  benchAnalysis,
  benchAnalysisProcess,
  benchApiLoad,
  benchClassifiers,
  benchCopyClustering,
  benchEndToEnd,
  benchExport,
  benchQueries,
  describeMachine,
  jsonLine,
  startBenchServices,
  textLine,
  writeBenchmarksFile,
  type BenchContext,
  type Figure,
} from '@rift/bench';
import { parseCommandArgs, positiveInteger } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

/** In run order: queries loads the posts that export and api read. */
const BENCHMARKS: Record<string, (ctx: BenchContext) => Promise<Figure[]>> = {
  analysis: benchAnalysis,
  'analysis-process': benchAnalysisProcess,
  classifiers: benchClassifiers,
  'end-to-end': benchEndToEnd,
  'copy-clustering': benchCopyClustering,
  queries: benchQueries,
  export: benchExport,
  api: benchApiLoad,
};

const command: Command = {
  summary: 'measure throughput, latency and memory of every stage, beside peers (npm run bench)',
  usage: [
    'Usage: rift bench [--quick] [--json] [--write] [--only NAME,...] [--e2e-posts N] [--cases PREFIX,...]',
    '',
    'Runs each benchmark on its own Redis (port 6531) and ClickHouse (8531/9531; RIFT_BENCH_REDIS_PORT,',
    'RIFT_BENCH_CLICKHOUSE_HTTP_PORT and RIFT_BENCH_CLICKHOUSE_TCP_PORT move them), started here with',
    'data in a temp folder and stopped at the end. Every figure is a median of several runs, printed',
    'beside a peer measured in the same run. RIFT_BENCH_REDIS_PORT, RIFT_BENCH_CLICKHOUSE_HTTP_PORT and',
    'RIFT_BENCH_CLICKHOUSE_TCP_PORT move those ports.',
    '  --quick   small sizes (CI: proves every benchmark still works, in well under 2 minutes)',
    '  --json    one JSON object per figure and line: { name, value, unit, peer?, peer_value? }',
    '  --write   also write BENCHMARKS.md (machine, date, commit, every figure, targets and gaps)',
    '  --e2e-posts N  posts the end-to-end benchmark sends (default 1,000,000; 20,000 with --quick)',
    `  --only    some of: ${Object.keys(BENCHMARKS).join(', ')} (export and api load the posts themselves if queries is left out)`,
    '  --cases   the queries benchmark runs only the cases whose names start with one of these, e.g. trends.two_years',
  ].join('\n'),
  async run(args) {
    const { values } = parseCommandArgs(args, {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      only: { type: 'string' },
      'e2e-posts': { type: 'string' },
      cases: { type: 'string' },
    });
    const names = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(BENCHMARKS);
    for (const name of names) if (!BENCHMARKS[name]) throw new UsageError(`unknown benchmark "${name}"`);
    const e2ePosts = values['e2e-posts'] === undefined ? undefined : positiveInteger(values['e2e-posts'], '--e2e-posts', 1);
    const started = Date.now();
    const log = (line: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
    const services = await startBenchServices(log);
    const queryCases = values.cases ? values.cases.split(',').map((s) => s.trim()) : undefined;
    const ctx: BenchContext = { quick: values.quick, e2ePosts, queryCases, log, services };
    const figures: Figure[] = [];
    const stopOnSignal = () => void services.stop().finally(() => process.exit(130));
    process.once('SIGINT', stopOnSignal);
    process.once('SIGTERM', stopOnSignal);
    try {
      const selected = Object.keys(BENCHMARKS).filter((n) => names.includes(n));
      for (const [i, name] of selected.entries()) {
        log(`${name}: starting`);
        for (const figure of await BENCHMARKS[name]!(ctx)) {
          figures.push(figure);
          console.log(values.json ? jsonLine(figure) : textLine(figure));
        }
        // Written after each benchmark, so a long run that is cut short still leaves its figures.
        if (values.write) {
          const machine = await describeMachine(services.clickhouseVersion);
          const pending = selected.slice(i + 1);
          const file = writeBenchmarksFile(figures, machine, { quick: values.quick, seconds: (Date.now() - started) / 1000, pending });
          log(`wrote ${file}${pending.length ? ` (still to run: ${pending.join(', ')})` : ''}`);
        }
      }
    } finally {
      process.off('SIGINT', stopOnSignal);
      process.off('SIGTERM', stopOnSignal);
      await services.stop();
    }
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return 0;
  },
};

export default command;
