import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetters } from './dead-letters.ts';
import { MAX_RAW_DEPTH, MAX_TEXT_CHARS } from './post.ts';
import { createRedis } from './redis.ts';
import { sql } from './sql.ts';
import { feed, readPostsFromFile } from '@rift/ingest';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { testQueuePrefix, testRedisUrl } from '@rift/testing/redis';
import { POSTS_TABLE } from './tables/names.ts';

/**
 * Hostile and broken posts through the real pipeline (producer -> BullMQ -> analyze worker ->
 * ClickHouse): each is stored, cut and flagged if too long, or dead-lettered with a reason; none
 * crashes the worker or takes its batch-mates down with it.
 */

const AT = '2025-01-17T10:15:00Z';

interface Stored {
  id: string;
  text: string;
  text_truncated: number;
  author_name: string;
}

/** An object nested `depth` levels deep ({"a":{"a":...}}), built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('hostile posts through the real pipeline', () => {
  let pipeline: TestPipeline;
  let dir: string;

  beforeAll(async () => {
    pipeline = await startTestPipeline();
    dir = mkdtempSync(path.join(tmpdir(), 'rift-hostile-'));
  });

  afterAll(async () => {
    await pipeline?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Waits for the queue to empty, failing at once if a batch fails rather than waiting out its retries. */
  async function drained(): Promise<void> {
    for (;;) {
      const retried = (await pipeline.queue.getJobs(['failed', 'delayed'])).find((job) => job.attemptsMade > 0 || job.failedReason);
      if (retried) throw new Error(`a batch failed: ${retried.failedReason}`);
      const counts = await pipeline.queue.getJobCounts('waiting', 'active', 'delayed');
      if (counts.waiting === 0 && counts.active === 0 && counts.delayed === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const stored = async (ids: string[]): Promise<Map<string, Stored>> => {
    const rows = await pipeline.db.clickhouse.query<Stored>(sql`
      SELECT id, text, text_truncated, author_name
      FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL
      WHERE sign = 1 AND id IN (${ids.map((id) => sql`${id}`).reduce((a, b) => sql`${a}, ${b}`)})`);
    return new Map(rows.map((row) => [row.id, row]));
  };

  it('stores HTML, bidi, zero-width, lone surrogates, 1 MB texts and deep raw payloads in one batch', async () => {
    const html = '<script>alert(1)</script><img src=x onerror="alert(2)"> tiktok ban & "quotes" \'single\'';
    const bidi = 'tiktok \u202Etxt.exe\u202C and \u2066isolated\u2069 ban';
    const zeroWidth = 'tik\u200Btok\u200C ban\u200D \uFEFFhere\u2060';
    const posts = [
      { id: 'html', text: html, author: { name: '<b onmouseover=alert(3)>x</b>' } },
      { id: 'bidi', text: bidi },
      { id: 'zero-width', text: zeroWidth },
      // As they arrive from JSON: "\ud800" parses to a lone surrogate, which no UTF-8 can encode.
      { id: 'lone-high', text: JSON.parse('"tiktok \\ud800 ban"') as string },
      { id: 'lone-low', text: JSON.parse('"tiktok \\udc00 ban"') as string, author: { name: JSON.parse('"\\udfff"') as string } },
      { id: 'reversed-pair', text: JSON.parse('"tiktok \\ude00\\ud83d ban"') as string },
      { id: 'huge', text: 'tiktok ban '.repeat(100_000) },
      // The cap falls between the two halves of an emoji.
      { id: 'huge-split', text: `${'a'.repeat(MAX_TEXT_CHARS - 1)}\u{1F600}${'b'.repeat(1_000_000)}` },
      { id: 'deep-raw', text: 'tiktok deep', raw: nested(10_000) },
      { id: 'raw-split', text: 'tiktok raw', raw: { s1: '\u{1F600}'.repeat(60_000), lone: JSON.parse('"\\ud800"') as string } },
      { id: 'nul', text: 'tiktok\u0000ban\u0007\u001b[31m' },
    ].map(({ id, ...rest }) => ({ post: { source: 'hostile', id, created_at: AT, ...rest } }));
    const producer = pipeline.producer();
    await feed(posts, producer, 'hostile');
    expect(producer.stats).toMatchObject({ accepted: posts.length, rejected: 0 });
    await drained();

    const rows = await stored(posts.map((p) => p.post.id));
    expect([...rows.keys()].sort()).toEqual(posts.map((p) => p.post.id).sort());
    const row = (id: string) => rows.get(id)!;
    // Markup and invisible characters are data: stored exactly (the dashboard renders text inert).
    expect(row('html')).toMatchObject({ text: html, text_truncated: 0, author_name: '<b onmouseover=alert(3)>x</b>' });
    expect(row('bidi')).toMatchObject({ text: bidi, text_truncated: 0 });
    expect(row('zero-width')).toMatchObject({ text: zeroWidth, text_truncated: 0 });
    expect(row('nul').text).toBe('tiktok\u0000ban\u0007\u001b[31m');
    // A lone surrogate cannot be stored as UTF-8: it becomes U+FFFD, and the post is kept.
    expect(row('lone-high').text).toBe('tiktok \uFFFD ban');
    expect(row('lone-low')).toMatchObject({ text: 'tiktok \uFFFD ban', author_name: '\uFFFD' });
    expect(row('reversed-pair').text).toBe('tiktok \uFFFD\uFFFD ban');
    // Over the cap: cut and flagged; a cut never leaves half an emoji.
    expect(row('huge')).toMatchObject({ text: posts.find((p) => p.post.id === 'huge')!.post.text.slice(0, MAX_TEXT_CHARS), text_truncated: 1 });
    expect(row('huge-split')).toMatchObject({ text: 'a'.repeat(MAX_TEXT_CHARS - 1), text_truncated: 1 });
    // raw: a payload too deep to serialise is replaced by a note; a long one is cut on a whole character.
    const raws = await pipeline.db.clickhouse.query<{ id: string; raw: string }>(sql`
      SELECT id, raw FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL WHERE sign = 1 AND id IN ('deep-raw', 'raw-split')`);
    const raw = new Map(raws.map((r) => [r.id, r.raw]));
    expect(raw.get('deep-raw')).toBe(`"[raw payload not kept: nested more than ${MAX_RAW_DEPTH} levels deep]"`);
    expect(raw.get('raw-split')).toBe(`{"s1":"${'\u{1F600}'.repeat(49_996)}`);
    expect(await new DeadLetters(pipeline.redis, pipeline.prefix).count()).toBe(0);
  });

  it('imports a hostile JSONL file: broken lines dead-lettered with their line, the rest stored', async () => {
    const file = path.join(dir, 'hostile.jsonl');
    const line = (fields: Record<string, unknown>) => JSON.stringify({ created_at: AT, ...fields });
    const deep = `{"id":"f-deep","text":"tiktok deep","created_at":"${AT}","x":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`${line({ id: 'f-ok', text: 'tiktok ok' })}\n`),
        Buffer.from('{"id":"f-truncated","text":"tik\n'),
        // A lone surrogate escape, as JSON allows.
        Buffer.from(`{"id":"f-lone","text":"tiktok \\ud800 ban","created_at":"${AT}"}\n`),
        Buffer.from(`${deep}\n`),
        Buffer.from(`${line({ id: 'f-after', text: '<script>alert(1)</script> tiktok' })}\n`),
      ]),
    );
    const producer = pipeline.producer();
    await feed(readPostsFromFile(file, { source: 'hostile-file' }), producer, 'hostile-file');
    expect(producer.stats).toMatchObject({ accepted: 4, rejected: 1 });
    await drained();

    const rows = await stored(['f-ok', 'f-truncated', 'f-lone', 'f-bytes', 'f-deep', 'f-after']);
    expect([...rows.keys()].sort()).toEqual(['f-after', 'f-deep', 'f-lone', 'f-ok']);
    expect(rows.get('f-lone')!.text).toBe('tiktok \uFFFD ban');
    expect(rows.get('f-after')!.text).toBe('<script>alert(1)</script> tiktok');
    const letters = await new DeadLetters(pipeline.redis, pipeline.prefix).list(0, 10);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ stage: 'ingest', source: 'hostile-file' });
    expect(letters[0]!.reason).toMatch(/^line 2: invalid JSON: /);

    // Bytes that are not UTF-8 at all stop the import at their line (never stored as U+FFFD).
    const bytes = path.join(dir, 'not-utf8.jsonl');
    writeFileSync(bytes, Buffer.concat([Buffer.from(`${line({ id: 'g-ok', text: 'tiktok ok' })}\n{"id":"g-bytes","text":"tiktok `), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(` ban","created_at":"${AT}"}\n`)]));
    await expect(feed(readPostsFromFile(bytes, { source: 'hostile-file' }), pipeline.producer(), 'hostile-file')).rejects.toThrow(/^line 2: it is not UTF-8: .*--encoding latin1/);
  });
});

describe('a dead letter whose payload cannot be written as JSON', () => {
  it('is kept with its reason and a note in place of the payload', async () => {
    const redis = createRedis(testRedisUrl());
    const letters = new DeadLetters(redis, testQueuePrefix());
    let deep: Record<string, unknown> = { text: '' };
    for (let i = 0; i < 20_000; i++) deep = { nested: deep };
    try {
      expect(await letters.add([{ stage: 'ingest', source: 'file', reason: 'text: text is empty', post: deep }])).toBe(1);
      const [kept] = await letters.list(0, 1);
      expect(kept!.reason).toBe('text: text is empty');
      expect(kept!.post).toEqual({ unserialisable: expect.stringMatching(/^payload not kept: /) });
    } finally {
      await letters.purge();
      redis.disconnect();
    }
  });
});
