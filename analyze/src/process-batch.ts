import { type Analysis, type Continue, countTally, deadLetter, type DeadLetter, type DeadLetters, isContinue, OutcomeTally, pass, type Post, PostBatchJobSchema, type PostRow, type PostsWriter, type RollupRepair, toPostRow, UncertainInsertError, validateStep, type WriteOutcome, writeOutcomes } from '@rift/core';
import type { Analyzer } from './analyzer.ts';

export interface BatchOutcome extends WriteOutcome {
  deadLettered: number;
}

export interface BatchDeps {
  /** Pools this batch's rows with other batches' into one INSERT. */
  writer: PostsWriter;
  analyzer: Analyzer;
  deadLetters: DeadLetters;
  /** Told about inserts that may have missed the rollups, so it can rebuild their months. */
  rollupRepair?: RollupRepair;
}

/**
 * Scores one batch and writes it. Each post either becomes a row or a dead letter with its
 * reason (invalid, or the analysis threw): one poison post never holds back its batch-mates.
 * A failed write throws, so the queue retries the whole batch; the writer makes that harmless.
 * Step outcomes are counted at the end, once nothing can throw, so a retried batch counts once.
 */
export async function processBatch(data: unknown, deps: BatchDeps): Promise<BatchOutcome> {
  const steps = new OutcomeTally();
  const job = PostBatchJobSchema.safeParse(data);
  if (!job.success) {
    const malformed = deadLetter('malformed_job', `malformed job: ${job.error.message}`);
    await deps.deadLetters.add([{ stage: 'analyze', source: 'unknown', reason: malformed.error, post: data }]);
    steps.add('validate_job', malformed);
    countTally(steps);
    return { inserted: 0, replaced: 0, unchanged: 0, forgotten: 0, deadLettered: 1 };
  }
  const { source, posts } = job.data;
  const rows: PostRow[] = [];
  const dead: Array<{ stage: 'analyze'; source: string; reason: string; post: unknown }> = [];
  const ingestedAt = new Date();
  for (const input of posts) {
    const valid = validateStep(input);
    steps.add('validate_job', valid);
    if (!isContinue(valid)) {
      dead.push({ stage: 'analyze', source, reason: valid.error, post: input });
      continue;
    }
    const scored = score(valid.value, deps.analyzer);
    steps.add('analyze', scored);
    if (isContinue(scored)) rows.push(toPostRow(valid.value, scored.value, ingestedAt));
    else dead.push({ stage: 'analyze', source, reason: scored.error, post: input });
  }
  let outcome: WriteOutcome;
  try {
    outcome = await deps.writer.write(rows);
  } catch (err) {
    if (err instanceof UncertainInsertError) await deps.rollupRepair?.markSuspect(err.months);
    throw err;
  }
  await deps.deadLetters.add(dead);
  for (const { outcome: written, n } of writeOutcomes(outcome)) steps.add('write', written, n);
  countTally(steps);
  return { ...outcome, deadLettered: dead.length };
}

function score(post: Post, analyzer: Analyzer): Continue<Analysis> | DeadLetter {
  try {
    return pass(analyzer.analyze({ text: post.text, source: post.source, lang_hint: post.lang_hint, author: post.author }));
  } catch (err) {
    return deadLetter('analysis_failed', `analysis failed: ${(err as Error).message}`);
  }
}
