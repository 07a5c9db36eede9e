import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetPosts } from './forget.ts';
import { sql, trustedSql } from './sql.ts';
import { checkRollups, isConsistent } from './tables/rollups.ts';
import { listTombstones } from './tables/forgotten.ts';
import { feed, readPostsFromFile } from '@rift/ingest';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { POSTS_TABLE, SOURCE_HOURLY_TABLE, TOPIC_TRENDS_DAILY_TABLE, TOPIC_TRENDS_HOURLY_TABLE, TRENDS_DAILY_TABLE, TRENDS_HOURLY_TABLE } from './tables/names.ts';

// The real pipeline (producer, queue, analyze worker, writer, rollup views) on a fresh database.
let pipeline: TestPipeline;
let dir: string;
const files = { fa: '', fb: '' };

const TEXTS = ['TikTok ban is about national security', 'The TikTok ban hurts free speech', 'I love TikTok, no ban', 'Congress passed the TikTok ban'];

function writeFile(name: string, posts: Array<{ id: string; handle: string; day: number }>): string {
  const file = path.join(dir, name);
  const lines = posts.map((p, i) =>
    JSON.stringify({ id: p.id, text: `${TEXTS[i % TEXTS.length]} #${p.id}`, created_at: `2025-0${1 + (p.day % 3)}-1${p.day % 9}T10:00:00Z`, author: { handle: p.handle } }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function importFile(file: string, source: string): Promise<void> {
  // redeliver: past the producer's own "already seen" memory, so the writer is what must refuse.
  await feed(readPostsFromFile(file, { source }), pipeline.producer({ redeliver: true }), source);
  await pipeline.drained();
}

const ROLLUPS = [TRENDS_HOURLY_TABLE, TRENDS_DAILY_TABLE, SOURCE_HOURLY_TABLE, TOPIC_TRENDS_HOURLY_TABLE, TOPIC_TRENDS_DAILY_TABLE];

/** Stored posts and topic mentions, the posts each rollup counts, and posts_v1's raw rows of `source`. */
async function counts() {
  const ch = pipeline.db.clickhouse;
  const [stored] = await ch.query<{ posts: string; mentions: string }>(sql`
    SELECT count() AS posts, sum(length(topics)) AS mentions FROM (SELECT * FROM ${ch.table(POSTS_TABLE)} FINAL) WHERE sign = 1`);
  const rollups: Record<string, number> = {};
  for (const table of ROLLUPS) {
    const [row] = await ch.query<{ n: string }>(sql`SELECT sumMerge(posts) AS n FROM ${ch.table(table)}`);
    rollups[table] = Number(row?.n ?? 0);
  }
  return { posts: Number(stored!.posts), mentions: Number(stored!.mentions), rollups };
}

/** Every rollup holds exactly the stored posts (topic rollups: their topic mentions), month by month. */
async function expectExact(posts: number) {
  const c = await counts();
  expect(c.posts).toBe(posts);
  expect(c.rollups).toEqual({
    trends_hourly_v1: posts,
    trends_daily_v1: posts,
    source_hourly_v1: posts,
    topic_trends_hourly_v1: c.mentions,
    topic_trends_daily_v1: c.mentions,
  });
  expect((await checkRollups(pipeline.db.clickhouse)).filter((m) => !isConsistent(m))).toEqual([]);
  return c;
}

async function rawRows(where: string): Promise<number> {
  const ch = pipeline.db.clickhouse;
  const [row] = await ch.query<{ n: string }>(sql`SELECT count() AS n FROM ${ch.table(POSTS_TABLE)} WHERE ${trustedSql(where)}`);
  return Number(row!.n);
}

beforeAll(async () => {
  pipeline = await startTestPipeline();
  dir = mkdtempSync(path.join(tmpdir(), 'rift-forget-'));
  const authors = ['alice', 'bob', 'carol'];
  files.fa = writeFile('fa.jsonl', Array.from({ length: 30 }, (_, i) => ({ id: `a${i}`, handle: authors[i % 3]!, day: i })));
  files.fb = writeFile('fb.jsonl', Array.from({ length: 6 }, (_, i) => ({ id: `b${i}`, handle: i < 4 ? 'alice' : 'bob', day: i })));
  await importFile(files.fa, 'fa');
  await importFile(files.fb, 'fb');
}, 120_000);

afterAll(async () => {
  await pipeline?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rift forget: posts leave posts_v1 and every rollup, exactly, and stay gone', () => {
  it('starts from 36 posts counted in every rollup', async () => {
    const c = await expectExact(36);
    expect(c.mentions).toBeGreaterThan(0);
  });

  it('forgets one post: 35 left everywhere, no row of it left in posts_v1', async () => {
    expect(await forgetPosts(pipeline.db.clickhouse, { kind: 'post', source: 'fa', id: 'a0' }, 'test', { pollMs: 20 })).toEqual({ posts: 1 });
    await expectExact(35);
    expect(await rawRows(`source = 'fa' AND id = 'a0'`)).toBe(0);
  });

  it('forgets an author in one source (9 more), then in every source (10 + 2 more), then a source (4 more)', async () => {
    // alice wrote a0 (gone), a3, ..., a27 in fa and b0..b3 in fb.
    expect(await forgetPosts(pipeline.db.clickhouse, { kind: 'author', handle: 'alice', source: 'fa' }, 'test', { pollMs: 20 })).toEqual({ posts: 9 });
    await expectExact(26);
    expect(await forgetPosts(pipeline.db.clickhouse, { kind: 'author', handle: 'bob' }, 'test', { pollMs: 20 })).toEqual({ posts: 12 });
    await expectExact(14);
    expect(await forgetPosts(pipeline.db.clickhouse, { kind: 'source', source: 'fb' }, 'test', { pollMs: 20 })).toEqual({ posts: 4 });
    await expectExact(10);
    expect(await rawRows(`author_handle = 'bob' OR source = 'fb' OR (source = 'fa' AND author_handle = 'alice')`)).toBe(0);
    // Forgetting what is already gone removes nothing more.
    expect(await forgetPosts(pipeline.db.clickhouse, { kind: 'source', source: 'fb' }, 'test', { pollMs: 20 })).toEqual({ posts: 0 });
  });

  it('a re-import of both files brings nothing back: 10 posts, the same in every rollup', async () => {
    await importFile(files.fa, 'fa');
    await importFile(files.fb, 'fb');
    const c = await expectExact(10);
    const [left] = await pipeline.db.clickhouse.query<{ handles: string[] }>(
      sql`SELECT groupUniqArray(author_handle) AS handles FROM (SELECT * FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL) WHERE sign = 1`,
    );
    expect(left!.handles).toEqual(['carol']);
    expect(c.posts).toBe(10);
  });

  it('records each request, with who asked and how many posts left', async () => {
    const stones = await listTombstones(pipeline.db.clickhouse);
    expect(stones.map(({ kind, source, id, author_handle, posts, actor }) => ({ kind, source, id, author_handle, posts, actor }))).toEqual(
      expect.arrayContaining([
        { kind: 'post', source: 'fa', id: 'a0', author_handle: '', posts: 1, actor: 'test' },
        { kind: 'author', source: 'fa', id: '', author_handle: 'alice', posts: 9, actor: 'test' },
        { kind: 'author', source: '', id: '', author_handle: 'bob', posts: 12, actor: 'test' },
        { kind: 'source', source: 'fb', id: '', author_handle: '', posts: 4, actor: 'test' },
      ]),
    );
    expect(stones).toHaveLength(5);
  });

  it('refuses an empty target', async () => {
    await expect(forgetPosts(pipeline.db.clickhouse, { kind: 'author', handle: ' ' }, 'test')).rejects.toThrow(/needs the handle/);
  });
});
