/**
 * `rift analyze` on several cores: the main thread only cuts the input into batches of whole
 * lines and writes the answers back in input order; worker threads (analyze-thread.ts), each with
 * its own analyzer, parse, score and serialise. Output is byte for byte what analyzeStream writes.
 * At most four batches per worker are in flight and output waits for the sink to drain, so memory
 * stays flat whatever the file size.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { Worker } from 'node:worker_threads';
import type { TopicPack } from '@rift/core/pack-setup';
import type { StreamCounts } from './analyze-stream.ts';
import { threadEntry } from './compiled-thread.ts';

export interface LineBatch {
  id: number;
  /** Whole lines, each ended by \n except perhaps the input's last. */
  text: string;
  /** The input line number (1-based) of the batch's first line. */
  firstLine: number;
}

export interface LineBatchResult {
  id: number;
  text: string;
  analyzed: number;
  errors: number;
}

export interface ParallelOptions {
  workers: number;
  /** Read once the threads are starting (they load their modules meanwhile), then sent to each. */
  loadPack: () => Promise<TopicPack>;
  /** Characters of input per batch; small values are for tests. */
  batchChars?: number;
}

const BATCH_CHARS = 1 << 17;
/** Enough batches queued that a worker finishing one always finds the next. */
const IN_FLIGHT_PER_WORKER = 4;

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
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
  const batchChars = options.batchChars ?? BATCH_CHARS;
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
        if (!output.write(r.text)) await once(output, 'drain');
      }
      if (!pending()) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const send = async (text: string) => {
    await settle(() => sent - written >= workers.length * IN_FLIGHT_PER_WORKER);
    const target = busy.indexOf(Math.min(...busy));
    busy[target]!++;
    owner.set(sent, target);
    workers[target]!.postMessage({ id: sent++, text, firstLine: counts.lines + 1 } satisfies LineBatch);
    counts.lines += countLines(text);
  };
  try {
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for await (const piece of input) {
      rest += typeof piece === 'string' ? piece : decoder.write(piece as Buffer);
      // Batches of about batchChars, each ending after a line; a line longer than that is one batch.
      while (rest.length >= batchChars) {
        let nl = rest.lastIndexOf('\n', batchChars - 1);
        if (nl === -1) nl = rest.indexOf('\n', batchChars);
        if (nl === -1) break;
        const cut = nl + 1;
        await send(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
    }
    rest += decoder.end();
    if (rest) {
      await send(rest);
      // The last line has no \n: it was not counted.
      if (!rest.endsWith('\n')) counts.lines++;
    }
    await settle(() => written < sent);
    return { ...counts, modelVersion: started[0]!.modelVersion };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
