/**
 * Analysis: posts/s of the full analysis on one core and on all cores (one analyzer per worker
 * thread), beside vader-sentiment and sentiment on the same texts, and sentiment macro-recall
 * of all three on the held-out validation tweets.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ConfusionCounter, formatAccuracyTable, sentimentAccuracyTable } from '@rift/analyze';
import { median, type Figure } from './figures.ts';
import { createLabeller, DATA_DIR, loadBenchTexts, SYSTEMS, timedRun, type Labeller, type SystemName } from './analysis-systems.ts';
import type { BenchContext } from './context.ts';

const PER_CORE_TARGET = 50_000;
const RECALL_TARGET = 0.63;

/** All-cores throughput of one system: `threads` threads, each its own labeller, started together. */
async function allCores(system: SystemName, texts: string[], threads: number, rounds: number, ms: number): Promise<number[]> {
  const entry = new URL('./thread-entry.mjs', import.meta.url);
  const module = new URL('./analysis-thread.ts', import.meta.url).href;
  const workers = Array.from({ length: threads }, () => new Worker(entry, { workerData: { module, system, texts, warmupMs: ms } }));
  const next = (w: Worker) =>
    new Promise<{ posts: number; seconds: number; ready?: boolean }>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  try {
    await Promise.all(workers.map(next));
    const rates: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const results = await Promise.all(
        workers.map((w) => {
          const answer = next(w);
          w.postMessage({ ms });
          return answer;
        }),
      );
      rates.push(results.reduce((sum, x) => sum + x.posts / x.seconds, 0));
    }
    return rates;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function macroRecall(label: Labeller, rows: Array<{ text: string; label?: string }>): number {
  const counter = new ConfusionCounter(['negative', 'neutral', 'positive']);
  for (const row of rows) counter.add(row.label!, label(row.text));
  return counter.metrics().macro_recall;
}

export async function benchAnalysis(ctx: BenchContext): Promise<Figure[]> {
  const { texts, labelled, origin } = await loadBenchTexts();
  const rounds = ctx.quick ? 3 : 5;
  const ms = ctx.quick ? 300 : 1500;
  const cores = os.availableParallelism();
  ctx.log(`analysis: ${texts.length} texts (${origin}), ${rounds} rounds of ${ms} ms per system, ${cores} threads for all cores`);

  const labellers = Object.fromEntries(SYSTEMS.map((s) => [s, createLabeller(s)])) as Record<SystemName, Labeller>;
  for (const s of SYSTEMS) timedRun(labellers[s], texts, 200); // warm-up
  // Rounds alternate between systems so that a noisy moment hits all of them alike.
  const single: Record<SystemName, number[]> = { rift: [], 'vader-sentiment': [], sentiment: [] };
  for (let r = 0; r < rounds; r++) {
    for (const s of SYSTEMS) {
      const run = timedRun(labellers[s], texts, ms);
      single[s].push(run.posts / run.seconds);
    }
  }
  const multi = {} as Record<SystemName, number>;
  for (const s of SYSTEMS) multi[s] = median(await allCores(s, texts, cores, rounds, ms));
  const one = Object.fromEntries(SYSTEMS.map((s) => [s, median(single[s])])) as Record<SystemName, number>;
  const runs = `median of ${rounds} runs of ${ms} ms`;
  const gapNote = (value: number) =>
    value >= PER_CORE_TARGET
      ? undefined
      : `the full analysis (tokenizer, trained sentiment model, stance cues, topics, actor) does more per post than a lexicon lookup: ` +
        `x${(one.rift / one.sentiment).toFixed(2)} of \`sentiment\` in this run, and the machine's load average was ${os.loadavg()[0]!.toFixed(1)} on ${cores} cores, so one thread got less than a core`;
  const scaling = multi.sentiment / one.sentiment;

  const figures: Figure[] = [];
  for (const peer of ['sentiment', 'vader-sentiment'] as const) {
    const tag = peer === 'sentiment' ? 'sentiment' : 'vader';
    figures.push(
      { name: `analysis.one_core.vs_${tag}`, value: one.rift, unit: 'posts/s', peer, peer_value: one[peer], target: { op: '>=', value: PER_CORE_TARGET }, runs, note: gapNote(one.rift) },
      {
        name: `analysis.all_cores_${cores}.vs_${tag}`,
        value: multi.rift,
        unit: 'posts/s',
        peer,
        peer_value: multi[peer],
        target: { op: '>=', value: PER_CORE_TARGET * cores },
        runs: `${runs}, ${cores} worker threads`,
        note:
          multi.rift >= PER_CORE_TARGET * cores
            ? undefined
            : `${PER_CORE_TARGET.toLocaleString('en-US')} per core; below it per core already (see one_core), and ${cores} threads got only x${scaling.toFixed(2)} of one thread's throughput for \`sentiment\` in the same run: the other work on the machine takes the rest`,
      },
    );
  }
  if (labelled.length > 0) {
    const recall = Object.fromEntries(SYSTEMS.map((s) => [s, macroRecall(labellers[s], labelled)])) as Record<SystemName, number>;
    for (const peer of ['vader-sentiment', 'sentiment'] as const) {
      figures.push({
        name: `analysis.macro_recall.vs_${peer === 'sentiment' ? 'sentiment' : 'vader'}`,
        value: recall.rift,
        unit: 'macro recall',
        peer,
        peer_value: recall[peer],
        target: { op: '>=', value: RECALL_TARGET },
        runs: `${labelled.length} labelled validation tweets (deterministic)`,
      });
    }
    // Per language and kind of text, with the cross-validation figure (validation tweets above).
    const table = await sentimentAccuracyTable(DATA_DIR, labellers.rift);
    for (const line of formatAccuracyTable(table)) ctx.log(`analysis: ${line}`);
    for (const row of table.slice(1)) {
      figures.push({
        name: `analysis.macro_recall.${row.set.replace(/ \(val\)$/, '').replace(/ /g, '_')}`,
        value: row.rift,
        unit: 'macro recall',
        peer: 'vader-sentiment',
        peer_value: row['vader-sentiment'],
        runs: `${row.n} labelled validation texts (deterministic)`,
        note: `out-of-fold on the train files: ${row.cv ?? 'unknown'}; \`sentiment\`: ${row.sentiment}`,
      });
    }
  } else {
    ctx.log('analysis: no labelled validation file; accuracy skipped');
  }
  return figures;
}
