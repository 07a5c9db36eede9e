import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPostsFromFile, type FileRow, type ReadFileOptions } from './file.ts';
import { SafeTextStream } from './file-text.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rift-file-text-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function readAll(file: string, options: ReadFileOptions = {}): Promise<FileRow[]> {
  const rows: FileRow[] = [];
  for await (const row of readPostsFromFile(file, options)) rows.push(row);
  return rows;
}

const summary = (rows: FileRow[]) => rows.map((r) => ('post' in r ? { line: r.line, id: r.post.id, text: r.post.text } : r));
const jsonl = (id: string, text: string) => JSON.stringify({ id, text, created_at: '2025-01-14T03:00:00Z' });
const NUL_WORDS = 'contains a NUL character (U+0000)';

describe('one NUL rule for every format', () => {
  it('refuses a JSONL row with a raw NUL, or an escaped one in its text, id or a nested field', async () => {
    const file = await fixture(
      'nul.jsonl',
      [
        jsonl('ok1', 'fine'),
        `{"id":"raw","text":"a\u0000b","created_at":"2025-01-14T03:00:00Z"}`,
        jsonl('esc', 'a\u0000b'),
        jsonl('id\u0000x', 'text'),
        JSON.stringify({ id: 'deep', text: 't', created_at: '2025-01-14T03:00:00Z', author: { handle: 'h\u0000' } }),
        jsonl('ok2', 'also fine'),
      ].join('\n'),
    );
    expect(summary(await readAll(file))).toEqual([
      { line: 1, id: 'ok1', text: 'fine' },
      { line: 2, error: `the row ${NUL_WORDS}` },
      { line: 3, error: `text ${NUL_WORDS}` },
      { line: 4, error: `id ${NUL_WORDS}` },
      { line: 5, error: `author.handle ${NUL_WORDS}` },
      { line: 6, id: 'ok2', text: 'also fine' },
    ]);
  });

  it('refuses a CSV row with a NUL in any field, in the same words', async () => {
    const file = await fixture('nul.csv', 'id,text,created_at\nok1,fine,2025-01-14T03:00:00Z\nx,"a\u0000b",2025-01-14T03:00:00Z\nid\u0000,t,2025-01-14T03:00:00Z\nok2,fine,2025-01-14T03:00:00Z\n');
    expect(summary(await readAll(file))).toEqual([
      { line: 2, id: 'ok1', text: 'fine' },
      { line: 3, error: `text ${NUL_WORDS}` },
      { line: 4, error: `id ${NUL_WORDS}` },
      { line: 5, id: 'ok2', text: 'fine' },
    ]);
  });
});

describe('encodings', () => {
  // "café, à bientôt" in Latin-1: é, à and ô are single bytes that are not UTF-8.
  const latin1 = Buffer.concat([Buffer.from(`${jsonl('a', 'plain ascii')}\n`), Buffer.from(`${jsonl('b', 'café, à bientôt')}\n`, 'latin1')]);

  it('refuses text that is not UTF-8 with its line number and the flags to try, storing nothing in its place', async () => {
    const file = await fixture('latin1.jsonl', latin1);
    const rows: FileRow[] = [];
    const reading = (async () => {
      for await (const row of readPostsFromFile(file)) rows.push(row);
    })();
    await expect(reading).rejects.toThrow(/^line 2: it is not UTF-8: name its encoding, e\.g\. --encoding latin1 .*--encoding gb18030/);
    // Reading stopped at the bad line: nothing of it or after it came out.
    expect(rows.every((r) => r.line < 2)).toBe(true);
  });

  it('decodes with the encoding named: latin1 and gb18030, JSONL and CSV', async () => {
    expect(summary(await readAll(await fixture('latin1-ok.jsonl', latin1), { encoding: 'latin1' }))).toEqual([
      { line: 1, id: 'a', text: 'plain ascii' },
      { line: 2, id: 'b', text: 'café, à bientôt' },
    ]);
    // 中文 (Chinese) in GB18030 is D6 D0 CE C4.
    const gb = Buffer.concat([Buffer.from('id,text,created_at\nc,'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from(',2025-01-14T03:00:00Z\n')]);
    const file = await fixture('gb.csv', gb);
    expect(summary(await readAll(file, { encoding: 'gb18030' }))).toEqual([{ line: 2, id: 'c', text: '中文' }]);
    await expect(readAll(file)).rejects.toThrow(/^line 2: it is not UTF-8/);
  });

  it('refuses an unknown encoding and UTF-16 before reading', async () => {
    const file = await fixture('any.jsonl', `${jsonl('a', 'x')}\n`);
    await expect(readAll(file, { encoding: 'klingon' })).rejects.toThrow(/unsupported encoding "klingon"; try utf-8, latin1/);
    await expect(readAll(file, { encoding: 'utf-16le' })).rejects.toThrow(/unsupported encoding/);
  });
});

describe('the cap on bytes per line', () => {
  it('a 50 MB line is reported as too long, its neighbours read, and never held whole', async () => {
    const file = path.join(dir, 'long.jsonl');
    const out = createWriteStream(file);
    out.write(`${jsonl('before', 'first')}\n{"id":"huge","created_at":"2025-01-14T03:00:00Z","text":"`);
    const mb = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 50; i++) if (!out.write(mb)) await once(out, 'drain');
    out.end(`"}\n${jsonl('after', 'last')}\n`);
    await once(out, 'finish');

    const before = process.memoryUsage().rss;
    let peak = before;
    const rows: FileRow[] = [];
    for await (const row of readPostsFromFile(file, { maxLineBytes: 1024 * 1024 })) {
      rows.push(row);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(summary(rows)).toEqual([
      { line: 1, id: 'before', text: 'first' },
      { line: 2, error: expect.stringMatching(/^the line is longer than 1048576 bytes; it was not read/) },
      { line: 3, id: 'after', text: 'last' },
    ]);
    // Holding the line (and parsing it) would cost hundreds of MB; the cap keeps it near 1 MB.
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('holds at most the cap while a long line streams through', () => {
    const stream = new SafeTextStream({ maxLineBytes: 1000 });
    const held = () => (stream as unknown as { bytes: number }).bytes;
    let most = 0;
    for (let i = 0; i < 500; i++) {
      stream.write(Buffer.alloc(300, 0x61));
      most = Math.max(most, held());
    }
    stream.end('\n');
    expect(most).toBeLessThanOrEqual(1000);
    expect(stream.tooLong.get(1)).toMatch(/longer than 1000 bytes/);
  });

  it('reports a too-long line inside a CSV record and stores nothing of that record', async () => {
    const file = await fixture('long.csv', `id,text,created_at\nok,fine,2025-01-14T03:00:00Z\nbig,"${'y'.repeat(5000)}",2025-01-14T03:00:00Z\nok2,fine,2025-01-14T03:00:00Z\n`);
    expect(summary(await readAll(file, { maxLineBytes: 1000 }))).toEqual([
      { line: 2, id: 'ok', text: 'fine' },
      { line: 3, error: expect.stringMatching(/longer than 1000 bytes/) },
      { line: 4, id: 'ok2', text: 'fine' },
    ]);
  });
});
