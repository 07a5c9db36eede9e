// Another controversy is another pack: the second shipped pack passes `rift pack check`, and the
// real pipeline (queue, analyze worker, ClickHouse) scores posts with it.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '@rift/analyze';
import { REPO_ROOT } from './config.ts';
import { loadTopicPack } from './topic-pack.ts';
import { sql } from './sql.ts';
import { feed, RelevanceFilter } from '@rift/ingest';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { POSTS_TABLE } from './tables/names.ts';

const exec = promisify(execFile);
const PACK_FILE = path.join(REPO_ROOT, 'core/packs/daylight-saving.json');
const rift = (...args: string[]) =>
  exec(process.execPath, [path.join(REPO_ROOT, 'bin/rift.mjs'), ...args], { cwd: REPO_ROOT }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rift-pack-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rift pack check', () => {
  it('accepts both shipped packs and says what they hold', async () => {
    for (const file of ['core/packs/tiktok-ban.json', 'core/packs/daylight-saving.json']) {
      const r = await rift('pack', 'check', file);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/: valid topic pack [a-z-]+@[\d.]+ /);
    }
    expect((await rift('pack', 'check', 'core/packs/tiktok-ban.json')).stdout).toContain('period 2024-03-01 to 2025-06-30');
    expect((await rift('pack', 'check', 'core/packs/daylight-saving.json')).stdout).toContain('no period');
  });

  it('lists every field that does not fit, and exits 1', async () => {
    const pack = JSON.parse(await readFile(PACK_FILE, 'utf8'));
    pack.topics.Bad = ['x'];
    pack.events[0].date = '15 March 2022';
    delete pack.relevance_terms;
    pack.period = { from: '2025-03-01', to: '2024-01-01' };
    const file = path.join(dir, 'broken.json');
    await writeFile(file, JSON.stringify(pack));
    const r = await rift('pack', 'check', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`invalid topic pack ${file}`);
    expect(r.stderr).toMatch(/relevance_terms: /);
    expect(r.stderr).toMatch(/events\.0\.date: /);
    expect(r.stderr).toMatch(/topics\.Bad: /);
    expect(r.stderr).toContain('period: from must not be after to');
  });
});

describe('the daylight-saving pack in the pipeline', () => {
  let pipeline: TestPipeline;
  const pack = loadTopicPack(PACK_FILE);

  beforeAll(async () => {
    pipeline = await startTestPipeline({ analyzer: createAnalyzer(pack) });
  });
  afterAll(async () => {
    await pipeline?.close();
  });

  it('keeps the posts about its controversy and scores their stance and topics', async () => {
    const relevance = new RelevanceFilter(pack);
    const posts = [
      { id: 'dst1', text: 'Lock the clock! Pass the Sunshine Protection Act, stop changing the clocks #locktheclock' },
      { id: 'dst2', text: 'Sleep scientists agree: keep standard time, permanent standard time is healthier than daylight saving' },
      { id: 'dst3', text: 'A post about the weather, nothing about clocks' },
    ].map((p) => ({ ...p, source: 'file', created_at: '2025-03-09T12:00:00Z', author: { handle: 'someone' } }));
    const kept = posts.flatMap((p) => {
      const post = relevance.apply(p);
      return post ? [{ post }] : [];
    });
    expect(kept.map((k) => (k.post as { id: string }).id)).toEqual(['dst1', 'dst2']);
    await feed(kept, pipeline.producer(), 'file');
    await pipeline.drained();
    const rows = await pipeline.db.clickhouse.query<{ id: string; stance: string; topics: string[]; model_version: string }>(
      sql`SELECT id, toString(stance) AS stance, topics, model_version FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL WHERE sign = 1 ORDER BY id`,
    );
    expect(rows.map((r) => [r.id, r.stance])).toEqual([['dst1', 'oppose_ban'], ['dst2', 'support_ban']]);
    expect(rows[1]!.topics).toContain('health');
    expect(rows[0]!.model_version).toContain('+daylight-saving@2026.12.1.');
  });
});
