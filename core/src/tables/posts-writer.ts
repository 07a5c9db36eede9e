import type { ClickHouse } from '../clickhouse.ts';
import type { CopyClusters } from '../copy-clusters.ts';
import { writePostRows, type PostRow, type WriteOutcome, type WriteStatus } from './posts.ts';
import { postKey, type StoredIndex } from './stored-index.ts';

export interface PostsWriterOptions {
  /** Flush once this many rows wait. */
  maxRows: number;
  /** Flush rows that have waited this long, however few. */
  maxWaitMs: number;
}

interface Waiting {
  rows: readonly PostRow[];
  resolve: (outcome: WriteOutcome) => void;
  reject: (err: unknown) => void;
}

/**
 * Pools the rows of many batches into one INSERT: ClickHouse writes a part per partition and per
 * materialized view for every INSERT, so a few large ones cost far less than many small ones.
 * `write` resolves only once its rows are stored (or rejects with the INSERT's error), so a batch
 * is acknowledged to the queue after its rows are in ClickHouse, never before. One INSERT at a
 * time per process: a post in two pooled batches is written once, with its last copy.
 */
export class PostsWriter {
  private waiting: Waiting[] = [];
  private waitingRows = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly clickhouse: ClickHouse,
    private readonly index: StoredIndex | undefined,
    private readonly options: PostsWriterOptions,
    /** Gives new posts their copy cluster; without it each post is its own. */
    private readonly copies?: CopyClusters,
  ) {}

  write(rows: readonly PostRow[]): Promise<WriteOutcome> {
    if (rows.length === 0) return Promise.resolve({ inserted: 0, replaced: 0, unchanged: 0, forgotten: 0 });
    const done = new Promise<WriteOutcome>((resolve, reject) => this.waiting.push({ rows, resolve, reject }));
    this.waitingRows += rows.length;
    if (this.waitingRows >= this.options.maxRows) this.flushSoon(0);
    else this.flushSoon(this.options.maxWaitMs);
    return done;
  }

  /** Writes whatever waits now (shutdown), after the INSERT in progress. */
  flush(): Promise<void> {
    this.flushSoon(0);
    return this.flushing;
  }

  private flushSoon(delayMs: number): void {
    if (delayMs === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.writeWaiting());
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing.then(() => this.writeWaiting());
    }, delayMs);
  }

  private async writeWaiting(): Promise<void> {
    const batch = this.waiting;
    if (batch.length === 0) return;
    this.waiting = [];
    this.waitingRows = 0;
    let statuses: Map<string, WriteStatus>;
    try {
      statuses = await writePostRows(this.clickhouse, batch.flatMap((w) => w.rows), Date.now(), this.index, this.copies);
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    for (const w of batch) {
      const outcome: WriteOutcome = { inserted: 0, replaced: 0, unchanged: 0, forgotten: 0 };
      for (const key of new Set(w.rows.map(postKey))) outcome[statuses.get(key) ?? 'unchanged']++;
      w.resolve(outcome);
    }
  }
}
