import type { Queue } from 'bullmq';
import type { IngestJob } from '@rift/core';
import { UNHEALTHY_AFTER, type SourceState } from './source-state.ts';
import type { Source } from './sources/source.ts';

/** A failing source waits longer each time, up to this, instead of hammering a broken API. */
const MAX_UNHEALTHY_WAIT_MS = 6 * 3600 * 1000;

/**
 * One BullMQ job scheduler per enabled source, at the source's interval; schedulers of sources
 * no longer enabled are removed, so the configuration file is the whole truth.
 */
export async function scheduleSources(queue: Queue<IngestJob>, sources: readonly Source[]): Promise<void> {
  const wanted = new Set(sources.map((s) => s.name));
  for (const existing of await queue.getJobSchedulers()) {
    if (existing.key && !wanted.has(existing.key)) await queue.removeJobScheduler(existing.key);
  }
  for (const source of sources) {
    await queue.upsertJobScheduler(
      source.name,
      { every: source.intervalMinutes * 60_000, immediately: true },
      { name: 'poll', data: { source: source.name }, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
}

/** Splits a backfill range into windows of `days` days, one job each, with ids that make a repeat a no-op. */
export async function scheduleBackfill(queue: Queue<IngestJob>, source: string, from: Date, to: Date, days: number): Promise<number> {
  const step = days * 86_400_000;
  const jobs = [];
  for (let start = from.getTime(); start < to.getTime(); start += step) {
    const window = { from: new Date(start).toISOString(), to: new Date(Math.min(start + step, to.getTime())).toISOString() };
    jobs.push({
      name: 'backfill',
      data: { source, window },
      opts: { jobId: `backfill-${source}-${window.from}-${window.to}`.replace(/[:]/g, ''), attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
    });
  }
  await queue.addBulk(jobs);
  return jobs.length;
}

/** When an unhealthy source may run again: its interval, doubled for each failure past the limit. */
export function nextAllowedRun(state: SourceState, intervalMinutes: number): number {
  if (state.healthy || !state.last_run) return 0;
  const extra = state.consecutive_failures - UNHEALTHY_AFTER;
  const wait = Math.min(intervalMinutes * 60_000 * 2 ** Math.max(0, extra), MAX_UNHEALTHY_WAIT_MS);
  return Date.parse(state.last_run) + wait;
}
