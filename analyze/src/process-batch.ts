import type { DeadLetters } from '@rift/core/dead-letters';
import { validatePost, type Post } from '@rift/core/post';
import { PostBatchJobSchema } from '@rift/core/queues';
import type { RollupRepair } from '@rift/core/rollup-repair';
import { toPostRow, UncertainInsertError, type PostRow, type WriteOutcome } from '@rift/core/tables/posts';
import type { PostsWriter } from '@rift/core/tables/posts-writer';
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
 */
export async function processBatch(data: unknown, deps: BatchDeps): Promise<BatchOutcome> {
  const job = PostBatchJobSchema.safeParse(data);
  if (!job.success) {
    await deps.deadLetters.add([{ stage: 'analyze', source: 'unknown', reason: `malformed job: ${job.error.message}`, post: data }]);
    return { inserted: 0, replaced: 0, unchanged: 0, forgotten: 0, deadLettered: 1 };
  }
  const { source, posts } = job.data;
  const rows: PostRow[] = [];
  const dead: Array<{ stage: 'analyze'; source: string; reason: string; post: unknown }> = [];
  const ingestedAt = new Date();
  for (const input of posts) {
    const valid = validatePost(input);
    if (!valid.ok) {
      dead.push({ stage: 'analyze', source, reason: valid.reason, post: input });
      continue;
    }
    const scored = score(valid.post, deps.analyzer);
    if ('error' in scored) dead.push({ stage: 'analyze', source, reason: scored.error, post: input });
    else rows.push(toPostRow(valid.post, scored.analysis, ingestedAt));
  }
  let outcome: WriteOutcome;
  try {
    outcome = await deps.writer.write(rows);
  } catch (err) {
    if (err instanceof UncertainInsertError) await deps.rollupRepair?.markSuspect(err.months);
    throw err;
  }
  await deps.deadLetters.add(dead);
  return { ...outcome, deadLettered: dead.length };
}

function score(post: Post, analyzer: Analyzer): { analysis: ReturnType<Analyzer['analyze']> } | { error: string } {
  try {
    return {
      analysis: analyzer.analyze({ text: post.text, source: post.source, lang_hint: post.lang_hint, author: post.author }),
    };
  } catch (err) {
    return { error: `analysis failed: ${(err as Error).message}` };
  }
}
