/**
 * Soak: many posts through the real pipeline (producer -> BullMQ on Redis -> `rift worker`
 * processes -> ClickHouse) while faults are injected at random moments: workers killed with
 * SIGKILL (and replaced), ClickHouse stopped for a while, Redis restarted. Then the counts must
 * reconcile: posts stored once each (FINAL and signed sums), rollups equal to the posts, every
 * post sent either stored or a dead letter, no batch failed.
 *
 *   npx tsx bench/src/soak.ts --posts 500000 [--workers 2] [--concurrency 2] [--batch 1000] [--seed 42]
 *
 * It runs on servers of its own (ports 6571, 8571, 9571 unless --port-offset moves them) in a temp
 * folder that is removed at the end (kept with --keep). Prints one JSON summary on stdout; the exit
 * code is 0 only if everything reconciled.
 */
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  compareIds,
  demoIds,
  FaultServices,
  reconcile,
  sendDemo,
  startWorker,
  storedCount,
  storedIds,
  type RiftChild,
} from '@rift/testing/faults';
import { seededRandom } from '@rift/core';

type FaultKind = 'kill-worker' | 'clickhouse-outage' | 'redis-restart';

interface FaultRecord {
  kind: FaultKind;
  atS: number;
  durationS: number;
  storedBefore: number;
  detail?: string;
}

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '500000' },
    workers: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '2' },
    batch: { type: 'string', default: '1000' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    'port-offset': { type: 'string', default: '0' },
    'timeout-min': { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
  },
});

const POSTS = Number(values.posts);
const WORKERS = Number(values.workers);
const CONCURRENCY = Number(values.concurrency);
const BATCH = Number(values.batch);
const SEED = Number(values.seed);
const OFFSET = Number(values['port-offset']);
const TIMEOUT_MS = Number(values['timeout-min']) * 60_000;
for (const [name, n] of Object.entries({ POSTS, WORKERS, CONCURRENCY, BATCH, SEED, OFFSET, TIMEOUT_MS })) {
  if (!Number.isSafeInteger(n) || n < 0 || (name !== 'OFFSET' && name !== 'SEED' && n === 0)) {
    console.error(`soak: bad ${name.toLowerCase()}: ${n}`);
    process.exit(2);
  }
}
if (values.keep) process.env.RIFT_FAULTS_KEEP = '1';

// Seeded, so that a run's fault schedule can be replayed with --seed.
const rnd = seededRandom(SEED);
const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);

const t0 = Date.now();
const elapsedS = () => Math.round((Date.now() - t0) / 100) / 10;
const note = (line: string) => console.error(`[soak ${elapsedS().toFixed(1).padStart(6)} s] ${line}`);

async function main(): Promise<number> {
  note(`starting servers; ${POSTS} posts, ${WORKERS} workers x ${CONCURRENCY}, batches of ${BATCH}, seed ${SEED}`);
  const services = await FaultServices.start('soak', { redis: 6571 + OFFSET, clickhouseHttp: 8571 + OFFSET, clickhouseTcp: 9571 + OFFSET });
  const workers: RiftChild[] = [];
  let workerSerial = 0;
  const spawnWorker = async () => {
    const worker = await startWorker(services, `worker-${++workerSerial}`, CONCURRENCY);
    workers.push(worker);
    return worker;
  };
  const faults: FaultRecord[] = [];
  let exitCode = 1;
  try {
    for (let i = 0; i < WORKERS; i++) await spawnWorker();
    note(`services in ${services.dir}; workers up`);

    let producing = true;
    const sending = sendDemo(services, POSTS, { batchSize: BATCH }).finally(() => {
      producing = false;
      note('producer done');
    });
    const progress = setInterval(async () => {
      const stored = services.clickhouseRunning ? await storedCount(services.clickhouse) : 'unknown (ClickHouse down)';
      note(`stored ${stored} / ${POSTS}; live workers ${workers.filter((w) => w.alive).length}`);
    }, 10_000);

    // Every kind of fault at least once, in a random order, then more at random until the load is in.
    const kinds: FaultKind[] = ['kill-worker', 'kill-worker', 'clickhouse-outage', 'redis-restart'];
    for (let i = kinds.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
    }
    const pick = (): FaultKind => {
      const next = kinds.shift();
      if (next) return next;
      const r = rnd();
      return r < 0.6 ? 'kill-worker' : r < 0.8 ? 'clickhouse-outage' : 'redis-restart';
    };
    const injecting = (async () => {
      // Until every kind has happened and the whole load is in: faults land at any stage of it.
      while (kinds.length > 0 || producing || !(await services.idle())) {
        await sleep(between(4_000, 15_000));
        const kind = pick();
        const started = Date.now();
        const record: FaultRecord = { kind, atS: elapsedS(), durationS: 0, storedBefore: await storedCount(services.clickhouse) };
        if (kind === 'kill-worker') {
          const live = workers.filter((w) => w.alive);
          const victim = live[Math.floor(rnd() * live.length)]!;
          // Mid-batch: wait (briefly) for a moment when a batch is being worked on.
          const deadline = Date.now() + 5_000;
          while (Date.now() < deadline && (await services.queue.getActiveCount()) === 0) await sleep(20);
          victim.kill('SIGKILL');
          await victim.exited;
          record.detail = `killed pid ${victim.pid} (${victim.logFile}); replaced`;
          await spawnWorker();
        } else if (kind === 'clickhouse-outage') {
          const outage = between(5_000, 30_000);
          await services.stopClickHouse();
          await sleep(outage);
          await services.startClickHouse();
          record.detail = `down ${Math.round(outage / 1000)} s plus stop/start`;
        } else {
          await services.restartRedis();
        }
        record.durationS = Math.round((Date.now() - started) / 100) / 10;
        faults.push(record);
        note(`fault ${kind}: ${record.detail ?? ''} (${record.durationS} s)`);
      }
    })();

    const producer = await sending;
    await injecting;
    note('faults done; waiting for the queue to drain');
    const deadline = t0 + TIMEOUT_MS;
    let drained = false;
    while (Date.now() < deadline) {
      if ((await services.idle()) && (await storedCount(services.clickhouse)) + (await services.deadLetters.count()) >= producer.stats.accepted) {
        drained = true;
        break;
      }
      await sleep(1000);
    }
    clearInterval(progress);
    // A last look after a pause: nothing may still be arriving.
    await sleep(2000);

    const r = await reconcile(services.clickhouse);
    const jobs = await services.jobCounts();
    const letters = await services.deadLetters.list(0, 1_000_000);
    const deadIds = new Set(letters.map((l) => (l.post as { id?: string } | null)?.id).filter((id): id is string => typeof id === 'string'));
    const ids = compareIds(demoIds(POSTS), await storedIds(services.clickhouse));
    const unaccounted = ids.missing.filter((id) => !deadIds.has(id));
    const sent = producer.stats.accepted;
    const checks = {
      drained,
      allSentAccepted: sent === POSTS && producer.stats.rejected === 0,
      storedPlusDeadEqualsSent: r.final + deadIds.size === sent,
      finalEqualsSigned: r.final === r.signed,
      rollupEqualsStored: r.rollup === r.final,
      topicRollupEqualsTopics: r.topicRollup === r.topicExpected,
      noPostUnaccounted: unaccounted.length === 0,
      noUnexpectedOrRepeatedId: ids.unexpected.length === 0 && ids.repeated === 0,
      noFailedBatch: (jobs.failed ?? 0) === 0,
      everyFaultKind: (['kill-worker', 'clickhouse-outage', 'redis-restart'] as const).every((k) => faults.some((f) => f.kind === k)),
    };
    const reconciled = Object.values(checks).every(Boolean);
    const totalS = elapsedS();
    const outcomes = workers.flatMap((w) => w.batches());
    console.log(
      JSON.stringify(
        {
          reconciled,
          posts: POSTS,
          sent,
          stored: r.final,
          signedRows: r.signed,
          rollupPosts: r.rollup,
          topicRollup: r.topicRollup,
          topicExpected: r.topicExpected,
          deadLetters: letters.length,
          missing: ids.missing.length,
          unaccounted: unaccounted.slice(0, 20),
          unexpected: ids.unexpected.length,
          jobs,
          batchesWritten: outcomes.length,
          rowsUnchangedOnRetry: outcomes.reduce((n, o) => n + o.unchanged, 0),
          rowsReplaced: outcomes.reduce((n, o) => n + o.replaced, 0),
          workersStarted: workerSerial,
          faults,
          checks,
          seconds: totalS,
          postsPerSecond: Math.round(sent / totalS),
          options: { workers: WORKERS, concurrency: CONCURRENCY, batch: BATCH, seed: SEED },
        },
        null,
        2,
      ),
    );
    exitCode = reconciled ? 0 : 1;
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await services.close();
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`soak: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
