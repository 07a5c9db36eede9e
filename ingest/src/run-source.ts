import { countOutcome, isContinue, type Logger, newRunId } from '@rift/core';
import type { PoliteHttp } from './http/polite-http.ts';
import type { PostProducer } from './producer.ts';
import type { RelevanceFilter } from './relevance.ts';
import type { RunRecorder } from './run-recorder.ts';
import { UNHEALTHY_AFTER, type SourceStateStore } from './source-state.ts';
import type { BackfillWindow, Source, SourcePage } from './sources/source.ts';

export interface RunDeps {
  producer: PostProducer;
  states: SourceStateStore;
  /** Every run, succeeded or failed, is also written to ClickHouse, where gaps are found. */
  runs: RunRecorder;
  relevance: RelevanceFilter;
  http: PoliteHttp;
  log: Logger;
  signal: AbortSignal;
  /** Relevance filtering is for broad sources; a file the researcher chose keeps every row. */
  filterRelevance?: boolean;
}

export interface RunOutcome {
  pages: number;
  postsIn: number;
  postsOut: number;
  error?: string;
}

/**
 * One run of a source (a poll, or a backfill window). Each page is enqueued and flushed before
 * its cursor is saved: a crash or restart repeats at most one page (deduplicated downstream)
 * and never leaves a gap. A failing run is recorded, not thrown, so one source cannot stop others.
 */
export async function runSource(source: Source, deps: RunDeps, window?: BackfillWindow): Promise<RunOutcome> {
  const startedAt = new Date();
  const started = startedAt.toISOString();
  const state = await deps.states.get(source.name);
  const context = { http: deps.http, cursor: state.cursor ?? undefined, signal: deps.signal, log: deps.log };
  const outcome: RunOutcome = { pages: 0, postsIn: 0, postsOut: 0 };
  const pages: AsyncIterable<SourcePage> = window && source.backfill ? source.backfill(context, window) : source.poll(context);
  try {
    for await (const page of pages) {
      outcome.pages++;
      outcome.postsIn += page.posts.length;
      for (const post of page.posts) {
        let kept = post;
        if (deps.filterRelevance !== false) {
          const relevant = deps.relevance.check(post);
          countOutcome('relevance', relevant);
          if (!isContinue(relevant)) continue;
          kept = relevant.value;
        }
        countOutcome('validate', await deps.producer.add(kept, source.name));
        outcome.postsOut++;
      }
      for (const bad of page.errors ?? []) countOutcome('validate', await deps.producer.reject(source.name, bad.reason, bad.payload));
      await deps.producer.flush();
      // Backfill windows page with their own cursors; only a live poll moves the saved one.
      if (page.cursor !== undefined && !window) {
        await deps.states.update(source.name, (s) => ({ ...s, cursor: page.cursor! }));
      }
    }
  } catch (err) {
    outcome.error = (err as Error).message;
  }
  await deps.states.update(source.name, (s) => {
    const failures = outcome.error ? s.consecutive_failures + 1 : 0;
    return {
      ...s,
      last_run: started,
      last_success: outcome.error ? s.last_success : new Date().toISOString(),
      posts_in: s.posts_in + outcome.postsIn,
      posts_out: s.posts_out + outcome.postsOut,
      errors: s.errors + (outcome.error ? 1 : 0),
      consecutive_failures: failures,
      last_error: outcome.error ?? s.last_error,
      healthy: failures < UNHEALTHY_AFTER,
    };
  });
  await deps.runs.record({
    id: newRunId(),
    source: source.name,
    kind: window ? 'backfill' : 'poll',
    started_at: startedAt,
    finished_at: new Date(),
    posts_collected: outcome.postsOut,
    error: outcome.error,
  });
  if (outcome.error) deps.log.warn({ source: source.name, err: outcome.error }, 'source run failed; it will be retried later');
  return outcome;
}
