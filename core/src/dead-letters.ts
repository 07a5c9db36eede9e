import { createHash } from 'node:crypto';
import type { Redis } from './redis.ts';
import { deadLetterKey, DeadLetterSchema, type DeadLetter } from './queues.ts';

/**
 * A payload as JSON, or a note in its place when it cannot be written (nested deeper than the
 * stack allows, say): a post too broken to keep must still leave its reason behind.
 */
function keepable(post: unknown): unknown {
  try {
    JSON.stringify(post);
    return post;
  } catch (err) {
    return { unserialisable: `payload not kept: ${(err as Error).message}` };
  }
}

function entryId(entry: Omit<DeadLetter, 'at'>): string {
  return createHash('sha1').update(JSON.stringify([entry.stage, entry.source, entry.reason, entry.post])).digest('hex');
}

/**
 * The dead-letter list: posts that failed validation or analysis, each with its reason.
 * An entry is added once even when its batch is retried, so retries do not pile up copies.
 */
export class DeadLetters {
  private readonly listKey: string;
  private readonly seenKey: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.listKey = deadLetterKey(prefix);
    this.seenKey = `${this.listKey}:seen`;
  }

  async add(given: readonly Omit<DeadLetter, 'at'>[]): Promise<number> {
    if (given.length === 0) return 0;
    const entries = given.map((entry) => ({ ...entry, post: keepable(entry.post) }));
    const at = new Date().toISOString();
    const ids = entries.map(entryId);
    const fresh = await this.redis.smismember(this.seenKey, ...ids);
    const pipeline = this.redis.multi();
    let added = 0;
    entries.forEach((entry, i) => {
      if (fresh[i]) return;
      pipeline.rpush(this.listKey, JSON.stringify({ at, ...entry }));
      pipeline.sadd(this.seenKey, ids[i]!);
      added++;
    });
    await pipeline.exec();
    return added;
  }

  async count(): Promise<number> {
    return this.redis.llen(this.listKey);
  }

  async list(start = 0, count = 100): Promise<DeadLetter[]> {
    const items = await this.redis.lrange(this.listKey, start, start + count - 1);
    return items.map((item) => DeadLetterSchema.parse(JSON.parse(item)));
  }

  /** Removes and returns up to `count` entries from the head, for a retry; a new failure adds them again. */
  async take(count: number): Promise<DeadLetter[]> {
    const items = (await this.redis.lpop(this.listKey, count)) ?? [];
    const taken = items.map((item) => DeadLetterSchema.parse(JSON.parse(item)));
    if (taken.length) await this.redis.srem(this.seenKey, ...taken.map(entryId));
    return taken;
  }

  async purge(): Promise<number> {
    const n = await this.count();
    await this.redis.del(this.listKey, this.seenKey);
    return n;
  }
}
