/**
 * Reading a Zeeschuimer NDJSON export, from a file (optionally gzipped) or from an upload's body,
 * line by line in constant memory. Every line comes out as a post, a stub, a duplicate of an
 * item seen earlier in the same export (Zeeschuimer records an item again on every page that
 * shows it), or an error with its line number.
 */
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { PostInput } from '@rift/core';
import { readEnvelope } from './envelope.ts';
import { mapZeeschuimerLine } from './items.ts';

export type ZeeschuimerRow =
  | { line: number; post: PostInput }
  | { line: number; stub: string }
  | { line: number; duplicate: string }
  | { line: number; error: string };

/** How many lines `looksLikeZeeschuimer` reads before it decides. */
const SNIFF_LINES = 1000;

async function openFile(file: string): Promise<Readable> {
  // Opened first so that a missing file is one clear error before any row.
  const stream = (await open(file)).createReadStream();
  if (!file.toLowerCase().endsWith('.gz')) return stream;
  const gunzip = createGunzip();
  stream.on('error', (err) => gunzip.destroy(err));
  gunzip.on('close', () => stream.destroy());
  return stream.pipe(gunzip);
}

async function* lines(input: Readable): AsyncGenerator<{ line: number; text: string }> {
  let line = 0;
  try {
    for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
      line++;
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() !== '') yield { line, text };
    }
  } finally {
    input.destroy();
  }
}

/**
 * True when every one of the first lines that parses as JSON carries Zeeschuimer's envelope (and
 * at least one does). A broken line does not decide either way: it is reported when imported.
 */
export async function looksLikeZeeschuimer(file: string): Promise<boolean> {
  let seen = 0;
  for await (const { text } of lines(await openFile(file))) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    if (!readEnvelope(value)) return false;
    if (++seen >= SNIFF_LINES) break;
  }
  return seen > 0;
}

async function* rowsOf(input: Readable): AsyncGenerator<ZeeschuimerRow> {
  const seen = new Set<string>();
  for await (const { line, text } of lines(input)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { line, error: `invalid JSON: ${(err as Error).message}` };
      continue;
    }
    const item = mapZeeschuimerLine(value);
    if (!('post' in item)) {
      yield { line, ...item };
      continue;
    }
    const key = `${item.post.source}\u0000${item.post.id}`;
    if (seen.has(key)) {
      yield { line, duplicate: `${item.post.source} ${item.post.id}` };
      continue;
    }
    seen.add(key);
    yield { line, post: item.post };
  }
}

export async function* readZeeschuimerFile(file: string): AsyncGenerator<ZeeschuimerRow> {
  yield* rowsOf(await openFile(file));
}

export function readZeeschuimerBody(body: Buffer | string): AsyncGenerator<ZeeschuimerRow> {
  return rowsOf(Readable.from([body]));
}
