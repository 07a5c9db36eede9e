/**
 * `rift analyze` on several cores: the main thread only cuts the input bytes into batches of whole
 * lines and writes the answers back in input order; worker threads (analyze-thread.ts), each with
 * its own analyzer, decode, parse, score, serialise and encode. Batches travel as transferred
 * bytes, so the main thread neither copies strings between threads nor converts UTF-8 (it did
 * both before, a third of its time). Output is byte for byte what analyzeStream writes.
 * At most four batches per worker are in flight and output waits for the sink to drain, so memory
 * stays flat whatever the file size.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { TopicPack } from '@rift/core/pack-setup';
import type { StreamCounts } from './analyze-stream.ts';
import { threadEntry } from './compiled-thread.ts';

export interface LineBatch {
  id: number;
  /** Whole lines of UTF-8, each ended by \n except perhaps the input's last; transferred. */
  bytes: Uint8Array;
  /** The input line number (1-based) of the batch's first line. */
  firstLine: number;
}

export interface LineBatchResult {
  id: number;
  /** The output lines, UTF-8; transferred. */
  bytes: Uint8Array;
  analyzed: number;
  errors: number;
}

export interface ParallelOptions {
  workers: number;
  /** Read once the threads are starting (they load their modules meanwhile), then sent to each. */
  loadPack: () => Promise<TopicPack>;
  /** Bytes of input per batch; small values are for tests. */
  batchBytes?: number;
}

const BATCH_BYTES = 1 << 17;
const NEWLINE = 10;
/** Enough batches queued that a worker finishing one always finds the next. */
const IN_FLIGHT_PER_WORKER = 4;

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

function startWorker(worker: Worker, pack: TopicPack): Promise<{ worker: Worker; modelVersion: string }> {
  worker.postMessage({ pack });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { modelVersion: string }) => {
      worker.off('error', reject);
      resolve({ worker, modelVersion: m.modelVersion });
    });
  });
}

export async function analyzeStreamParallel(input: Readable, output: Writable, options: ParallelOptions): Promise<StreamCounts & { modelVersion: string }> {
  const batchBytes = options.batchBytes ?? BATCH_BYTES;
  const entry = await threadEntry();
  const workers = Array.from({ length: options.workers }, () => new Worker(entry));
  let started: { modelVersion: string }[];
  try {
    const pack = await options.loadPack();
    started = await Promise.all(workers.map((worker) => startWorker(worker, pack)));
  } catch (err) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw err;
  }
  const counts: StreamCounts = { lines: 0, analyzed: 0, errors: 0 };
  const done = new Map<number, LineBatchResult>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  for (const worker of workers) {
    worker.on('message', (r: LineBatchResult) => {
      done.set(r.id, r);
      busy[owner.get(r.id)!]!--;
      owner.delete(r.id);
      signal();
    });
    worker.on('error', (err) => {
      failure = err;
      signal();
    });
  }
  let sent = 0;
  let written = 0;
  /** Batches each worker holds; the next batch goes to the least busy, so a slow start idles none. */
  const busy = workers.map(() => 0);
  const owner = new Map<number, number>();
  /** Writes the finished batches that come next in input order; waits while `pending()` holds. */
  const settle = async (pending: () => boolean) => {
    for (;;) {
      if (failure) throw failure;
      for (let r = done.get(written); r; r = done.get(written)) {
        done.delete(written++);
        counts.analyzed += r.analyzed;
        counts.errors += r.errors;
        if (!output.write(Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength))) await once(output, 'drain');
      }
      if (!pending()) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const send = async (lines: Uint8Array) => {
    await settle(() => sent - written >= workers.length * IN_FLIGHT_PER_WORKER);
    const target = busy.indexOf(Math.min(...busy));
    busy[target]!++;
    owner.set(sent, target);
    // A copy of its own, so that transferring it detaches nothing the stream still holds.
    const bytes = new Uint8Array(lines);
    const firstLine = counts.lines + 1;
    counts.lines += countLines(lines);
    workers[target]!.postMessage({ id: sent++, bytes, firstLine } satisfies LineBatch, [bytes.buffer]);
  };
  try {
    let rest: Buffer = Buffer.alloc(0);
    for await (const piece of input) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : (piece as Buffer);
      rest = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      // Batches of about batchBytes, each ending after a line (a \n byte is never inside a UTF-8
      // character); a line longer than that is one batch.
      while (rest.length >= batchBytes) {
        let nl = rest.lastIndexOf(NEWLINE, batchBytes - 1);
        if (nl === -1) nl = rest.indexOf(NEWLINE, batchBytes);
        if (nl === -1) break;
        await send(rest.subarray(0, nl + 1));
        rest = rest.subarray(nl + 1);
      }
    }
    if (rest.length) {
      await send(rest);
      // The last line has no \n: it was not counted.
      if (rest[rest.length - 1] !== NEWLINE) counts.lines++;
    }
    await settle(() => written < sent);
    return { ...counts, modelVersion: started[0]!.modelVersion };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
