import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Queue } from 'bullmq';
import { type Continue, deadLetter, type DeadLetter, DeadLetters, groupBySource, isContinue, type Post, type PostBatchJob, postJobOptions, type Redis, untilReplicated, validateStep } from '@rift/core';

export interface ProducerStats {
  accepted: number;
  rejected: number;
  duplicates: number;
  batches: number;
}

export interface ProducerOptions {
  batchSize: number;
  /** Pause producing while this many batches wait, so a big file does not fill Redis. */
  maxWaitingBatches?: number;
  prefix: string;
  /** Enqueue posts even if already seen (a dead-letter retry sends posts that were enqueued before). */
  redeliver?: boolean;
}

/**
 * Puts posts on the analysis queue in batches. Each post is validated (a bad one goes to the
 * dead-letter list with its reason) and skipped if its source and id were already enqueued.
 * A batch is marked as seen only after it is on the queue: a crash in between means a repeat,
 * which the idempotent writer absorbs, never a gap.
 */
export class PostProducer {
  readonly stats: ProducerStats = { accepted: 0, rejected: 0, duplicates: 0, batches: 0 };
  private buffer: Post[] = [];
  private readonly deadLetters: DeadLetters;

  constructor(
    private readonly queue: Queue<PostBatchJob>,
    private readonly redis: Redis,
    private readonly options: ProducerOptions,
  ) {
    this.deadLetters = new DeadLetters(redis, options.prefix);
  }

  private seenKey(source: string): string {
    return `${this.options.prefix}:seen:${source}`;
  }

  /** Adds one untrusted post; `source` labels the dead letter if the post has none. Returns what validation made of it, for the caller to count. */
  async add(input: unknown, source: string): Promise<Continue<Post> | DeadLetter> {
    const result = validateStep(input);
    if (!isContinue(result)) {
      this.stats.rejected++;
      await this.deadLetters.add([{ stage: 'ingest', source, reason: result.error, post: input }]);
      return result;
    }
    this.buffer.push(result.value);
    if (this.buffer.length >= this.options.batchSize) await this.flush();
    return result;
  }

  /** Records a row the source could not even turn into a post (bad JSON line, say). */
  async reject(source: string, reason: string, payload: unknown): Promise<DeadLetter> {
    this.stats.rejected++;
    await this.deadLetters.add([{ stage: 'ingest', source, reason, post: payload }]);
    return deadLetter('unreadable_item', reason);
  }

  async flush(): Promise<void> {
    const posts = this.buffer;
    this.buffer = [];
    if (posts.length === 0) return;
    const fresh = this.options.redeliver ? posts : await this.unseen(posts);
    this.stats.duplicates += posts.length - fresh.length;
    if (fresh.length === 0) return;
    await this.waitForRoom();
    const bySource = groupBySource(fresh);
    const jobs = [...bySource].map(([source, group]) => ({
      name: 'batch',
      data: { source, posts: group },
      // Same posts, same job id: BullMQ ignores a repeat while the first copy is still kept.
      // A redelivery must not be ignored, so it gets a fresh id.
      opts: { ...postJobOptions, jobId: this.options.redeliver ? undefined : batchId(source, group) },
    }));
    await this.queue.addBulk(jobs);
    // On a Redis Cluster the batch must be on a replica before it counts as queued: a master
    // killed right after acknowledging it would otherwise take it along in the failover.
    // WAIT counts the writes of one connection, so it goes through the queue's own client (BullMQ
    // wraps the ioredis instance it was given in a proxy that passes other calls through).
    await untilReplicated((await this.queue.backend.client) as unknown as Redis);
    const mark = this.redis.pipeline();
    for (const [source, group] of bySource) mark.sadd(this.seenKey(source), ...group.map(seenMember));
    await mark.exec();
    this.stats.accepted += fresh.length;
    this.stats.batches += jobs.length;
  }

  private async unseen(posts: Post[]): Promise<Post[]> {
    const pipeline = this.redis.pipeline();
    for (const post of posts) pipeline.sismember(this.seenKey(post.source), seenMember(post));
    const results = (await pipeline.exec()) ?? [];
    const inBatch = new Set<string>();
    return posts.filter((post, i) => {
      const key = `${post.source}\u0000${seenMember(post)}`;
      if (results[i]?.[1] === 1 || inBatch.has(key)) return false;
      inBatch.add(key);
      return true;
    });
  }

  private async waitForRoom(): Promise<void> {
    const limit = this.options.maxWaitingBatches ?? 50;
    while ((await this.queue.getWaitingCount()) >= limit) await sleep(100);
  }
}

/** A post's id in the seen set; a later edition of an edited post (its revision) is another member. */
function seenMember(post: Post): string {
  return post.revision ? `${post.id}\u0001${post.revision}` : post.id;
}

function batchId(source: string, posts: Post[]): string {
  const hash = createHash('sha1');
  for (const post of posts) hash.update(seenMember(post)).update('\u0000');
  return `${source}-${hash.digest('hex').slice(0, 24)}`;
}
