import { createHash } from 'node:crypto';
import type { Redis } from '../redis.ts';
import type { ClickHouse } from '../clickhouse.ts';
import { sql } from '../sql.ts';

/**
 * Which posts posts_v1 holds, and with which fingerprint, kept in Redis so that the writer can tell
 * a new post from a stored one without reading ClickHouse (a FINAL read per batch costs more the
 * larger the table grows). It only ever answers "certainly new", "certainly unchanged" or "ask
 * ClickHouse":
 *
 * - a mark is written as pending ("?" + fingerprint) before the INSERT, and as the fingerprint after
 *   it: a crash between the two leaves a pending mark, which sends the post to the ClickHouse lookup;
 * - a post with no mark is new only while the index is `ready`, which it becomes once it is known
 *   to cover every stored row: at once for an empty posts_v1, or after a rebuild from posts_v1;
 * - the index belongs to one posts_v1 (its database and metadata time): a dropped and re-created
 *   table, or a Redis that lost its data, gets a new, empty index that is not ready.
 *
 * What it does not survive: a Redis crash that loses the last second of its append-only file
 * (appendfsync everysec) while a batch is being written; a mark lost that way lets a re-delivered
 * post be counted twice in the rollups. A graceful Redis restart loses nothing.
 */
export interface IndexMarks {
  /** False while the index may miss stored rows: every post must then be looked up in ClickHouse. */
  ready: boolean;
  /** Per post (source NUL id): its fingerprint, "?" + fingerprint while its write is unconfirmed, or null. */
  marks: Map<string, string | null>;
}

/** Hashes of at most this many fields stay in Redis's compact listpack encoding (hash-max-listpack-entries). */
const BUCKETS = 1 << 16;
const EPOCH_TTL_MS = 5000;
const REBUILD_LOCK_S = 3600;
const REBUILD_PIPELINE = 5000;

type Keyed = { source: string; id: string };

/**
 * One command per batch instead of one per post: building thousands of client-side commands cost
 * the worker more CPU than Redis spent answering them. KEYS[i] is the bucket of the i-th post.
 */
const HGET_EACH = `local out = {}
for i = 1, #KEYS do out[i] = redis.call('HGET', KEYS[i], ARGV[i]) end
return out`;
const HSET_EACH = `for i = 1, #KEYS do redis.call('HSET', KEYS[i], ARGV[2 * i - 1], ARGV[2 * i]) end
return #KEYS`;

export function postKey(row: Keyed): string {
  return `${row.source}\u0000${row.id}`;
}

/** FNV-1a over UTF-16 units: cheap, and spreads ids evenly over the buckets. */
function bucketOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % BUCKETS;
}

export class StoredIndex {
  private epoch: { value: string; at: number } | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly clickhouse: ClickHouse,
    private readonly table: string,
  ) {}

  /** Redis keys of the current posts_v1: its database and metadata time, hashed. */
  private async namespace(): Promise<string> {
    if (this.epoch && Date.now() - this.epoch.at < EPOCH_TTL_MS) return this.epoch.value;
    const [row] = await this.clickhouse.query<{ t: string }>(sql`
      SELECT toString(metadata_modification_time) AS t FROM system.tables
      WHERE database = ${this.clickhouse.database} AND name = ${this.table}`);
    const id = createHash('sha1').update(`${this.clickhouse.database}\u0000${this.table}\u0000${row?.t ?? ''}`).digest('hex').slice(0, 12);
    this.epoch = { value: `${this.prefix}:stored:${id}`, at: Date.now() };
    return this.epoch.value;
  }

  private bucketKey(ns: string, row: Keyed): string {
    return `${ns}:${row.source}:${bucketOf(row.id)}`;
  }

  async lookup(rows: readonly Keyed[]): Promise<IndexMarks> {
    const ns = await this.namespace();
    const [ready, found] = await Promise.all([
      this.redis.exists(`${ns}:ready`),
      rows.length ? (this.redis.eval(HGET_EACH, rows.length, ...rows.map((row) => this.bucketKey(ns, row)), ...rows.map((row) => row.id)) as Promise<Array<string | false | null>>) : [],
    ]);
    const marks = new Map<string, string | null>();
    rows.forEach((row, i) => marks.set(postKey(row), found[i] || null));
    return { ready: ready === 1 || (await this.makeReady(ns)), marks };
  }

  /** Marks posts about to be inserted; only after this may the INSERT start. */
  markPending(rows: ReadonlyArray<Keyed & { fingerprint: string }>): Promise<void> {
    return this.mark(rows, '?');
  }

  /** Marks posts whose row is confirmed stored with this fingerprint. */
  markStored(rows: ReadonlyArray<Keyed & { fingerprint: string }>): Promise<void> {
    return this.mark(rows, '');
  }

  private async mark(rows: ReadonlyArray<Keyed & { fingerprint: string }>, tag: string): Promise<void> {
    if (rows.length === 0) return;
    const ns = await this.namespace();
    const values = rows.flatMap((row) => [row.id, tag + row.fingerprint]);
    await this.redis.eval(HSET_EACH, rows.length, ...rows.map((row) => this.bucketKey(ns, row)), ...values);
  }

  /**
   * An empty posts_v1 is covered by an empty index. A full one is read once into the index by one
   * process (the others meanwhile look posts up in ClickHouse); marks written meanwhile by live
   * writers are newer than that read and are kept (HSETNX).
   */
  private async makeReady(ns: string): Promise<boolean> {
    const table = this.clickhouse.table(this.table);
    const [count] = await this.clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${table}`);
    if (Number(count?.n ?? 0) === 0) {
      await this.redis.set(`${ns}:ready`, '1');
      return true;
    }
    if ((await this.redis.set(`${ns}:rebuilding`, String(process.pid), 'EX', REBUILD_LOCK_S, 'NX')) !== 'OK') return false;
    void this.rebuild(ns).finally(() => this.redis.del(`${ns}:rebuilding`).catch(() => undefined)).catch(() => undefined);
    return false;
  }

  private async rebuild(ns: string): Promise<void> {
    const rows = this.clickhouse.stream<Keyed & { fingerprint: string }>(sql`
      SELECT source, id, fingerprint FROM ${this.clickhouse.table(this.table)} FINAL WHERE sign = 1`);
    let pipeline = this.redis.pipeline();
    let pending = 0;
    for await (const row of rows) {
      pipeline.hsetnx(this.bucketKey(ns, row), row.id, row.fingerprint);
      if (++pending >= REBUILD_PIPELINE) {
        await pipeline.exec();
        pipeline = this.redis.pipeline();
        pending = 0;
      }
    }
    await pipeline.exec();
    await this.redis.set(`${ns}:ready`, '1');
  }
}
