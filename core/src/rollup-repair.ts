import { setTimeout as sleep } from 'node:timers/promises';
import type { Queue } from 'bullmq';
import type { Redis } from './redis.ts';
import type { ClickHouse } from './clickhouse.ts';
import { serversNotReady } from './cluster-servers.ts';
import type { Logger } from './log.ts';
import { checkRollups, isConsistent, rebuildRollupMonth } from './tables/rollups.ts';

/** Longest a repair may hold the queue paused, and how long to wait for batches in flight. */
const REPAIR_LOCK_S = 600;
const DRAIN_TIMEOUT_MS = 120_000;

/**
 * Brings the rollups back to the stored posts after an INSERT that may have reached posts_v1
 * without its materialized views (see UncertainInsertError). The months are recorded in Redis;
 * a repair pauses the posts queue for every worker, waits until no batch is being written, rebuilds
 * the recorded months that disagree with the stored posts, and resumes. Every write to posts_v1
 * goes through that queue, so nothing writes while a month is rebuilt.
 */
export class RollupRepair {
  private readonly suspectKey: string;
  private readonly lockKey: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly clickhouse: ClickHouse,
    private readonly postsQueue: Queue,
    private readonly log: Logger,
  ) {
    this.suspectKey = `${prefix}:rollups:suspect-months`;
    this.lockKey = `${prefix}:rollups:repairing`;
  }

  async markSuspect(months: readonly number[]): Promise<void> {
    if (months.length) await this.redis.sadd(this.suspectKey, ...months.map(String));
  }

  async suspectMonths(): Promise<number[]> {
    return (await this.redis.smembers(this.suspectKey)).map(Number).sort();
  }

  /**
   * A queue left paused by a repair whose process died resumes once that repair's lock has
   * expired. Workers call this when they start.
   */
  async resumeIfAbandoned(): Promise<void> {
    if ((await this.postsQueue.isPaused()) && !(await this.redis.exists(this.lockKey))) {
      this.log.warn('the posts queue was left paused by an interrupted rollup repair; resuming it');
      await this.postsQueue.resume();
    }
  }

  /** Repairs the suspect months, unless another process is already at it. Returns the months rebuilt. */
  async repair(): Promise<number[]> {
    if ((await this.suspectMonths()).length === 0) return [];
    // A rebuild drops the month ON CLUSTER, which waits for every server (with one down it would
    // hold the queue paused for nothing), and reads the posts from replicas that must be caught up.
    // The months stay marked; a batch written once every server is ready repairs them.
    const notReady = await serversNotReady(this.clickhouse);
    if (notReady.length) {
      this.log.warn({ servers: notReady }, 'rollup repair postponed until every ClickHouse server of the cluster is up and caught up');
      return [];
    }
    if ((await this.redis.set(this.lockKey, String(process.pid), 'EX', REPAIR_LOCK_S, 'NX')) !== 'OK') return [];
    await this.postsQueue.pause();
    try {
      await this.untilNoBatchIsActive();
      const suspect = new Set(await this.suspectMonths());
      const rebuilt: number[] = [];
      for (const check of await checkRollups(this.clickhouse)) {
        if (!suspect.has(check.month) || isConsistent(check)) continue;
        await rebuildRollupMonth(this.clickhouse, check.month);
        rebuilt.push(check.month);
      }
      if (suspect.size) await this.redis.srem(this.suspectKey, ...[...suspect].map(String));
      if (rebuilt.length) this.log.warn({ months: rebuilt }, 'rollups rebuilt from the stored posts after an interrupted insert');
      return rebuilt;
    } finally {
      await this.postsQueue.resume();
      await this.redis.del(this.lockKey);
    }
  }

  private async untilNoBatchIsActive(): Promise<void> {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while ((await this.postsQueue.getActiveCount()) > 0) {
      if (Date.now() > deadline) throw new Error('batches still being written after 2 minutes; rollup repair postponed');
      await sleep(100);
    }
  }
}
