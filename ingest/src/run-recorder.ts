import { type ClickHouse, insertSourceRun, type Logger, newRunId, type RunKind, type SourceRun } from '@rift/core';

/**
 * Writes one row per run of a source to source_runs_v1, so that the hours in which a source was
 * failing show as gaps. Losing this row must not lose the run's posts: a failed write is logged
 * and the run carries on.
 */
export class RunRecorder {
  constructor(
    private readonly clickhouse: ClickHouse,
    private readonly log: Logger,
  ) {}

  async record(run: SourceRun): Promise<void> {
    try {
      await insertSourceRun(this.clickhouse, run);
    } catch (err) {
      this.log.warn({ source: run.source, run: run.id, err: (err as Error).message }, 'could not record the source run');
    }
  }

  /**
   * Runs `collect` (which returns the posts it handed on) as one run of `source` and records it,
   * succeeded or failed; a failure is rethrown after it is recorded.
   */
  async track(source: string, kind: RunKind, collect: () => Promise<number>): Promise<number> {
    const started = new Date();
    try {
      const posts = await collect();
      await this.record({ id: newRunId(), source, kind, started_at: started, finished_at: new Date(), posts_collected: posts });
      return posts;
    } catch (err) {
      await this.record({ id: newRunId(), source, kind, started_at: started, finished_at: new Date(), posts_collected: 0, error: (err as Error).message });
      throw err;
    }
  }
}
