import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePost } from '@rift/core';
import { readPostsFromFile, type FileRow, type ReadFileOptions } from './file.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rift-file-source-'));
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

const posts = (rows: FileRow[]) => rows.flatMap((r) => ('post' in r ? [r.post] : []));
const errors = (rows: FileRow[]) => rows.flatMap((r) => ('error' in r ? [r] : []));

const canonical = {
  id: 'p1',
  text: 'Moving to RedNote if they ban TikTok',
  created_at: '2025-01-14T03:00:00Z',
  url: 'https://example.org/p1',
  lang_hint: 'en',
  author: { handle: 'someone.example', name: 'Some One', description: 'teacher', verified_domain: 'example.org' },
  engagement: { likes: 5, reposts: 2, replies: 1 },
};

describe('readPostsFromFile: JSONL', () => {
  it('reads canonical field names, nested author included, with no mapping', async () => {
    const second = { text: '小红书欢迎你', created_at: '2025-01-15T08:00:00+08:00', id: 7, lang: 'zh' };
    const file = await fixture('canonical.jsonl', `${JSON.stringify(canonical)}\n\n${JSON.stringify(second)}\n`);
    const rows = await readAll(file);
    expect(rows.map((r) => r.line)).toEqual([1, 3]);
    const [a, b] = posts(rows);
    expect(a).toMatchObject({ ...canonical, source: 'file', created_at: '2025-01-14T03:00:00.000Z', synthetic: false, raw: canonical });
    expect(b).toMatchObject({ id: '7', text: '小红书欢迎你', created_at: '2025-01-15T00:00:00.000Z', lang_hint: 'zh', author: { handle: '' } });
    for (const p of posts(rows)) expect(validatePost(p).ok).toBe(true);
  });

  it('reports a line that is not JSON, or not an object, with its number and keeps going', async () => {
    const good = JSON.stringify(canonical);
    const file = await fixture('bad.jsonl', [good, '{"text": "cut off', '[1,2]', good.replace('p1', 'p2')].join('\r\n'));
    const rows = await readAll(file);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(errors(rows).map((r) => r.line)).toEqual([2, 3]);
    expect(errors(rows)[0]!.error).toMatch(/^invalid JSON/);
    expect(errors(rows)[1]!.error).toBe('expected a JSON object, found an array');
    expect(posts(rows).map((p) => p.id)).toEqual(['p1', 'p2']);
  });

  it('reports missing text and invalid fields with the reason from validation', async () => {
    const lines = [
      { created_at: '2025-01-14T03:00:00Z', id: 'a' },
      { text: '   ', created_at: '2025-01-14T03:00:00Z', id: 'b' },
      { text: 'TikTok', created_at: 'last tuesday', id: 'c' },
      { text: 'TikTok', created_at: '2025-01-14T03:00:00Z', id: 'd', engagement: { likes: -3 } },
    ];
    const rows = await readAll(await fixture('invalid.jsonl', lines.map((l) => JSON.stringify(l)).join('\n')));
    const messages = rows.map((r) => ('error' in r ? `line ${r.line}: ${r.error}` : 'ok'));
    expect(messages).toEqual([
      'line 1: text: missing (no value in column "text")',
      'line 2: text: missing (no value in column "text")',
      expect.stringMatching(/^line 3: created_at: must be an ISO 8601 date-time \(got "last tuesday"\)$/),
      expect.stringMatching(/^line 4: engagement\.likes: /),
    ]);
  });

  it('maps nested paths, the lang alias, epoch times and zone-less times (as UTC)', async () => {
    const tweet = { body: { full_text: 'TikTok is gone' }, user: { screen_name: 'x' }, ts: 1737158400, language: 'en' };
    const local = { body: { full_text: 'TikTok is back' }, user: { screen_name: 'y' }, ts: '2025-01-19 17:30:00', language: 'en' };
    const file = await fixture('nested.jsonl', `${JSON.stringify(tweet)}\n${JSON.stringify(local)}\n`);
    const map = { text: 'body.full_text', 'author.handle': 'user.screen_name', created_at: 'ts', lang: 'language' };
    const [a, b] = posts(await readAll(file, { map, source: 'my-dataset' }));
    expect(a).toMatchObject({ source: 'my-dataset', text: 'TikTok is gone', created_at: '2025-01-18T00:00:00.000Z', lang_hint: 'en' });
    expect(a!.author).toMatchObject({ handle: 'x' });
    expect(b!.created_at).toBe('2025-01-19T17:30:00.000Z');
  });

  it('gives rows without an id a content hash that is stable across reads', async () => {
    const rows = ['TikTok one', 'TikTok two', 'TikTok one'].map((text) => JSON.stringify({ text, created_at: '2025-01-14T03:00:00Z' }));
    const file = await fixture('noid.jsonl', rows.join('\n'));
    const first = posts(await readAll(file)).map((p) => p.id);
    const second = posts(await readAll(file)).map((p) => p.id);
    expect(second).toEqual(first);
    expect(first[0]).toMatch(/^sha256-[0-9a-f]{32}$/);
    expect(first[0]).not.toBe(first[1]);
    expect(first[2]).toBe(first[0]); // the same content is the same post
  });

  it('reads gzipped files', async () => {
    const file = await fixture('zipped.jsonl.gz', gzipSync(`${JSON.stringify(canonical)}\n`));
    expect(posts(await readAll(file)).map((p) => p.id)).toEqual(['p1']);
  });
});

describe('readPostsFromFile: CSV', () => {
  const csv = [
    'post_id,body,date,user,likes',
    '1,"Ban TikTok, says my senator",2024-03-13T15:00:00Z,alice,"1,204"',
    '2,"First line',
    'second line, with a comma',
    'and a ""quote""",2025-01-18T04:00:00Z,bob,3',
    '',
    '3,No date here,,carol,0',
    '4,"TikTok, again",2025-01-19T04:00:00Z,dave,7',
  ];
  const map = { id: 'post_id', text: 'body', created_at: 'date', 'author.handle': 'user', 'engagement.likes': 'likes' };

  for (const eol of ['\n', '\r\n']) {
    it(`maps columns, keeps quoted commas and newlines, and reports each record's first line (${JSON.stringify(eol)})`, async () => {
      const rows = await readAll(await fixture(`posts-${eol.length}.csv`, csv.join(eol) + eol), { map });
      expect(rows.map((r) => r.line)).toEqual([2, 3, 7, 8]);
      const [a, b, c] = posts(rows);
      expect(a).toMatchObject({ id: '1', text: 'Ban TikTok, says my senator', engagement: { likes: 1204 }, author: { handle: 'alice' } });
      expect(b!.text).toBe(['First line', 'second line, with a comma', 'and a "quote"'].join(eol));
      expect(b!.raw).toEqual({ post_id: '2', body: b!.text, date: '2025-01-18T04:00:00Z', user: 'bob', likes: '3' });
      expect(c!.id).toBe('4');
      expect(errors(rows)).toEqual([{ line: 7, error: 'created_at: missing (no value in column "date")' }]);
    });
  }

  it('reports a record with the wrong number of fields, and an unclosed quote that stops the parser', async () => {
    const file = await fixture('broken.csv', 'text,created_at\nTikTok,2025-01-18T04:00:00Z,extra\nTikTok ok,2025-01-18T04:00:00Z\n"never closed,2025\n');
    const rows = await readAll(file, { map: { text: 'text' } });
    expect(rows.map((r) => ('error' in r ? `line ${r.line}: ${r.error}` : 'ok'))).toEqual([
      'line 2: expected 2 fields as in the header, found 3',
      'ok',
      expect.stringMatching(/^line 4: invalid CSV, reading stopped: Quote Not Closed/),
    ]);
  });

  it('honours an explicit format over the extension', async () => {
    const file = await fixture('export.txt', 'text,created_at\nTikTok,2025-01-18T04:00:00Z\n');
    expect(posts(await readAll(file, { format: 'csv' }))).toHaveLength(1);
  });
});

describe('readPostsFromFile: usage errors', () => {
  it('throws before reading on an unknown field, a bad source name, an unknown extension or a missing file', async () => {
    const file = await fixture('ok.jsonl', `${JSON.stringify(canonical)}\n`);
    await expect(readAll(file, { map: { body: 'text' } })).rejects.toThrow(/unknown field "body"/);
    await expect(readAll(file, { source: 'My Source!' })).rejects.toThrow(/invalid --source/);
    await expect(readAll(await fixture('data.xlsx', 'x'))).rejects.toThrow(/cannot tell the format/);
    await expect(readAll(path.join(dir, 'absent.jsonl'))).rejects.toThrow(/ENOENT/);
  });
});

describe('readPostsFromFile: large files', () => {
  it('streams 200,000 lines in bounded memory', { timeout: 120_000 }, async () => {
    const file = path.join(dir, 'large.jsonl');
    const out = createWriteStream(file);
    const padding = 'x'.repeat(300);
    for (let i = 0; i < 200_000; i++) {
      const line = JSON.stringify({ id: `r${i}`, text: `TikTok post ${i} ${padding}`, created_at: '2025-01-18T04:00:00Z' });
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const size = (await stat(file)).size;

    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let count = 0;
    for await (const row of readPostsFromFile(file)) {
      if ('error' in row) throw new Error(row.error);
      if (++count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(count).toBe(200_000);
    // The file is about 76 MB. Keeping its 200,000 posts would cost more than that: their texts alone
    // are about 66 MB, plus ids, dates and the overhead of each object. Growth below the file's size
    // therefore means the file streamed, and the bound still leaves room for the garbage that piles up
    // between collections, which varies from run to run (64.5 MB once on a busy machine).
    expect(size).toBeGreaterThan(60e6);
    expect(peak - before).toBeLessThan(size);
  });
});
