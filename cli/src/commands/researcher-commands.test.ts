// rift export, sample and validate as a researcher runs them: the real command in a child
// process, against a fresh ClickHouse database.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSourceRun, POSTS_TABLE, REPO_ROOT } from '@rift/core';
import { corpusRows, rescoreRows } from '@rift/testing/corpus';
import { postRow } from '@rift/testing/posts';
import { parseCsv, SOFTWARE_VERSION } from '@rift/api';
import { createTestDatabase, testClickHouseUrl, type TestDatabase } from '@rift/testing/clickhouse';
import { testRedisUrl } from '@rift/testing/redis';

const run = promisify(execFile);
let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.clickhouse.insert(POSTS_TABLE, corpusRows());
  await db.clickhouse.insert(POSTS_TABLE, rescoreRows());
  dir = await mkdtemp(path.join(tmpdir(), 'rift-cli-'));
});

afterAll(async () => {
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function rift(...args: string[]) {
  return run(process.execPath, [path.join(REPO_ROOT, 'bin/rift.mjs'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CLICKHOUSE_URL: testClickHouseUrl(), CLICKHOUSE_DB: db.clickhouse.database, REDIS_URL: testRedisUrl(), LOG_LEVEL: 'warn' },
  });
}

describe('rift export', () => {
  it('writes FILE and FILE.methodology.json, whose counts agree and which lists the gaps of the slice', async () => {
    const started = new Date('2024-06-04T02:30:00Z');
    await insertSourceRun(db.clickhouse, { id: 'cli-run', source: 'file', kind: 'import', started_at: started, finished_at: started, posts_collected: 0, error: 'file unreadable' });
    const out = path.join(dir, 'public.csv');
    const { stdout } = await rift('export', '--format', 'csv', '--output', out, '--actor', 'public', '--columns', 'id,stance,text', '--to', '2024-06-08');
    expect(stdout).toMatch(/export: 5 rows to/);
    const [header, ...records] = parseCsv(await readFile(out, 'utf8'));
    expect(header!.cells).toEqual(['id', 'stance', 'text']);
    // p5 is public too, but created after --to.
    expect(records.map((r) => r.cells[0])).toEqual(['p1', 'p2', 'p3', 'p4', 'r1']);
    const m = JSON.parse(await readFile(`${out}.methodology.json`, 'utf8'));
    expect(m).toMatchObject({ row_count: 5, format: 'csv', filters: { actor: ['public'], to: '2024-06-08T00:00:00.000Z' }, file: { rows_written: 5, path: out } });
    expect(m.columns.map((c: { name: string }) => c.name)).toEqual(['id', 'stance', 'text']);
    expect(m.software.version).toBe(SOFTWARE_VERSION);
    // The whole hours of the slice's own posts, first (p1, 10:15) to last (r1, 12:00 the next day).
    expect(m.gaps_window).toEqual({ from: '2024-06-03T10:00:00.000Z', to: '2024-06-04T13:00:00.000Z' });
    expect(m.gaps).toContainEqual({
      source: 'file', from: '2024-06-04T02:00:00.000Z', to: '2024-06-04T03:00:00.000Z', reason: 'failing', failed_runs: 1, last_error: 'file unreadable', expected_posts: null,
    });
    expect(m.definitions.gaps).toMatch(/failing/);
  });

  it('refuses bad filters with the API\'s message and exit code 2, writing nothing', async () => {
    const out = path.join(dir, 'bad.csv');
    const err = await rift('export', '--output', out, '--stance', 'maybe').catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toMatch(/stance: unknown value "maybe"/);
    await expect(readFile(out)).rejects.toThrow();
  });
});

describe('rift sample and rift validate', () => {
  it('draws the same sheet twice, then scores a coded copy of it', async () => {
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    await rift('sample', '--n', '4', '--seed', 's1', '--stratify', 'actor', '--allocation', 'equal', '--output', a);
    await rift('sample', '--n', '4', '--seed', 's1', '--stratify', 'actor', '--allocation', 'equal', '--output', b);
    const sheet = await readFile(a, 'utf8');
    expect(sheet).toBe(await readFile(b, 'utf8'));
    const [header, ...records] = parseCsv(sheet);
    // The sheet is blind; the strata are in the key file beside it, in the same order.
    expect(header!.cells).not.toContain('stratum');
    const [, ...key] = parseCsv(await readFile(path.join(dir, 'a.key.csv'), 'utf8'));
    expect(key.map((r) => r.cells[2])).toEqual(records.map((r) => r.cells[header!.cells.indexOf('id')]));
    const strata = key.map((r) => r.cells[3]!);
    expect(strata).toEqual(['public', 'public', 'us_government', 'us_government']);

    // The coder agrees with the model on everything: kappa 1 needs two labels in use.
    const codeCol = header!.cells.indexOf('code_actor');
    const coded = [header!.cells, ...records.map((r, row) => r.cells.map((c, i) => (i === codeCol ? strata[row]! : c)))]
      .map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))
      .join('\r\n');
    const codedFile = path.join(dir, 'coded.csv');
    await writeFile(codedFile, coded);
    const { stdout } = await rift('validate', '--input', codedFile, '--json');
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ input_name: 'coded.csv', coded_rows: 4, matched_rows: 4 });
    expect(report.tasks).toEqual([expect.objectContaining({ task: 'actor', n: 4, kappa: 1, accuracy: 1 })]);
    const text = await rift('validate', '--input', codedFile);
    expect(text.stdout).toMatch(/actor: n = 4 \(0 not coded\), kappa = 1\.000 \[1\.000, 1\.000\], Krippendorff's alpha = 1\.000/);
    expect(report.tasks[0]).toMatchObject({ alpha: 1, ci95: { kappa: [1, 1] } });
  });
});

// Last: the post it adds would change the other commands' slices.
describe('rift export CSV options', () => {
  it('writes exact text with --csv-safe false and a UTF-8 byte-order mark with --bom true', async () => {
    await db.clickhouse.insert(POSTS_TABLE, [{ ...postRow({ id: 'cli-formula', created_at: '2024-07-01T00:00:00Z', actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0 }), text: '=1+1 抖音' }]);
    const safe = path.join(dir, 'safe.csv');
    const exact = path.join(dir, 'exact.csv');
    await rift('export', '--output', safe, '--columns', 'id,text', '--from', '2024-07-01');
    await rift('export', '--output', exact, '--columns', 'id,text', '--from', '2024-07-01', '--csv-safe', 'false', '--bom', 'true');
    expect(await readFile(safe, 'utf8')).toBe('"id","text"\r\n"cli-formula","\'=1+1 抖音"\r\n');
    expect(await readFile(exact, 'utf8')).toBe('\ufeff"id","text"\r\n"cli-formula","=1+1 抖音"\r\n');
    expect(JSON.parse(await readFile(`${exact}.methodology.json`, 'utf8'))).toMatchObject({ csv: { csv_safe: false, bom: true }, file: { rows_written: 1 } });
  });
});
