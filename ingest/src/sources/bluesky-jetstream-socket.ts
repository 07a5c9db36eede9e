/**
 * A Jetstream subscription that survives drops: it yields raw messages until a deadline, and
 * when the socket closes early it reconnects with backoff, resuming from the cursor the caller
 * gives (Jetstream cursors are unix microseconds, `time_us`, and replay from that instant).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import type { Logger } from '@rift/core';

export interface ReconnectPolicy {
  /** First wait after a drop; doubles per failure in a row, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Connections in a row that fail before receiving anything, after which the run fails. */
  attempts: number;
}

export interface JetstreamReadOptions {
  /** The `/subscribe` endpoint, e.g. wss://jetstream2.us-east.bsky.network/subscribe. */
  endpoint: string;
  collections: readonly string[];
  /** Where to resume, asked at every (re)connect; undefined starts at the live tail. */
  resumeFrom: () => number | undefined;
  /** Stop reading at this time (epoch ms). */
  deadline: number;
  reconnect: ReconnectPolicy;
  signal: AbortSignal;
  log: Logger;
}

/** Messages held while the consumer is busy before the socket is paused (TCP then slows the server). */
const PAUSE_ABOVE = 2000;
const RESUME_BELOW = 200;

export function subscribeUrl(endpoint: string, collections: readonly string[], cursor: number | undefined): string {
  const url = new URL(endpoint);
  for (const collection of collections) url.searchParams.append('wantedCollections', collection);
  if (cursor !== undefined) url.searchParams.set('cursor', String(Math.max(0, Math.floor(cursor))));
  return url.toString();
}

/** Yields each text message in order; ends at the deadline; throws when reconnecting keeps failing. */
export async function* readJetstream(options: JetstreamReadOptions): AsyncGenerator<string> {
  let failuresInARow = 0;
  let lastError = '';
  while (Date.now() < options.deadline) {
    options.signal.throwIfAborted();
    const url = subscribeUrl(options.endpoint, options.collections, options.resumeFrom());
    let received = 0;
    try {
      for await (const message of connection(url, options)) {
        received++;
        yield message;
      }
    } catch (err) {
      if (options.signal.aborted) throw err;
      lastError = (err as Error).message;
    }
    if (Date.now() >= options.deadline) return;
    failuresInARow = received > 0 ? 1 : failuresInARow + 1;
    if (failuresInARow > options.reconnect.attempts) {
      throw new Error(`Jetstream: ${failuresInARow} connections in a row failed (last: ${lastError || 'closed before any event'})`);
    }
    const ceiling = Math.min(options.reconnect.maxDelayMs, options.reconnect.baseDelayMs * 2 ** (failuresInARow - 1));
    const wait = Math.min(ceiling / 2 + (Math.random() * ceiling) / 2, Math.max(0, options.deadline - Date.now()));
    options.log.info({ received, wait: Math.round(wait), err: lastError || undefined }, 'Jetstream socket closed; reconnecting');
    await sleep(wait, undefined, { signal: options.signal });
  }
}

/** One socket: yields its messages until it closes, errors or the deadline passes. */
async function* connection(url: string, options: JetstreamReadOptions): AsyncGenerator<string> {
  const socket = new WebSocket(url, { handshakeTimeout: 10_000, headers: { 'user-agent': 'rift-ingest' } });
  const queue: string[] = [];
  let ended: Error | 'closed' | undefined;
  let paused = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  socket.on('message', (data, isBinary) => {
    // Compressed (zstd) frames are binary; we never ask for compression, so they are not ours to read.
    if (isBinary) return;
    queue.push(data.toString());
    if (queue.length > PAUSE_ABOVE && !paused) {
      paused = true;
      socket.pause();
    }
    notify();
  });
  socket.on('error', (err) => {
    ended ??= err;
    notify();
  });
  socket.on('close', () => {
    ended ??= 'closed';
    notify();
  });
  const onAbort = () => notify();
  options.signal.addEventListener('abort', onAbort);
  try {
    for (;;) {
      options.signal.throwIfAborted();
      const next = queue.shift();
      if (next !== undefined) {
        if (paused && queue.length < RESUME_BELOW) {
          paused = false;
          socket.resume();
        }
        yield next;
        continue;
      }
      if (ended instanceof Error) throw ended;
      if (ended) return;
      const left = options.deadline - Date.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, left);
        function finish() {
          clearTimeout(timer);
          resolve();
        }
        wake = finish;
      });
    }
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    else if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'done');
  }
}
