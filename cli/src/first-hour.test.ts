// The CLI as a new researcher meets it: linked onto PATH (as `npm link` does), run from a folder
// far from the clone, on a file of their own, against real Redis and ClickHouse.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '@rift/core';
import { enabledSourceNames, loadSourcesConfig, SourceStateStore } from '@rift/ingest';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { testClickHouseUrl } from '@rift/testing/clickhouse';
import { testRedisUrl } from '@rift/testing/redis';
import { COMMANDS, runCli } from './cli.ts';

const exec = promisify(execFile);
let home: string;
let stack: TestApp;
const enabled = enabledSourceNames(loadSourcesConfig(path.join(REPO_ROOT, 'rift.config.json')));

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'rift-home-'));
  // What `npm link` leaves on PATH: a symlink named after the package's bin entry.
  await mkdir(path.join(home, 'bin'));
  await symlink(path.join(REPO_ROOT, 'bin/rift.mjs'), path.join(home, 'bin/rift'));
  await mkdir(path.join(home, 'data'));
  stack = await createTestApp({ enabledSources: enabled });
});

afterAll(async () => {
  await stack?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

/** `rift ARGS` from the researcher's home folder, through the linked command; never throws. */
async function rift(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    PATH: `${path.join(home, 'bin')}${path.delimiter}${process.env.PATH}`,
    CLICKHOUSE_URL: testClickHouseUrl(),
    CLICKHOUSE_DB: stack.clickhouse.database,
    REDIS_URL: testRedisUrl(),
    RIFT_QUEUE_PREFIX: stack.queuePrefix,
    LOG_LEVEL: 'warn',
  };
  try {
    const { stdout, stderr } = await exec('rift', args, { cwd: home, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('rift from any folder', () => {
  it('runs through the linked command with the clone elsewhere', async () => {
    const { code, stdout } = await rift('help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: rift <command>/);
    expect(path.relative(REPO_ROOT, home).startsWith('..')).toBe(true);
  });

  it('imports a file outside the clone; with no fitting columns it exits 1, naming the columns and a --map that fits', async () => {
    const file = path.join(home, 'data', 'tweets.csv');
    await writeFile(file, 'tweet_id,body,date,user\n1,TikTok ban is wrong,2025-01-10 10:00:00,ann\n2,Ban TikTok now,2025-01-11 11:00:00,bob\n');
    const refused = await rift('import', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Columns found: tweet_id, body, date, user');
    expect(refused.stderr).toContain('Try: --map id=tweet_id,text=body,created_at=date,author=user');

    const relative = await rift('import', 'data/tweets.csv', '--map', 'id=tweet_id,text=body,created_at=date,author=user');
    expect(relative.code).toBe(0);
    expect(relative.stderr + relative.stdout).toMatch(/2 rows read, 2 queued/);
    const jobs = await stack.queue.getJobs(['waiting', 'prioritized', 'delayed']);
    const posts = jobs.flatMap((j) => (j.data as { posts: { id: string; author: { handle?: string } }[] }).posts);
    expect(posts.map((p) => [p.id, p.author.handle]).sort()).toEqual([['1', 'ann'], ['2', 'bob']]);

    // The same file again queues nothing new, which is not a failure.
    expect((await rift('import', file, '--map', 'id=tweet_id,text=body,created_at=date,author=user')).code).toBe(0);
  });
});

describe('rift COMMAND --help', () => {
  it('prints the usage and exits 0 for every command', async () => {
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const error = vi.spyOn(console, 'error');
    try {
      for (const [name, load] of Object.entries(COMMANDS)) {
        printed.length = 0;
        expect(await runCli([name, '--help']), name).toBe(0);
        expect(printed.join('\n'), name).toBe((await load()).default.usage);
      }
      expect(await runCli(['backfill', '-h'])).toBe(0);
      expect(error).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});

describe('rift sources and GET /api/sources', () => {
  it('show the same state: the sources that ran and the enabled ones that never did', async () => {
    const store = new SourceStateStore(stack.redis, stack.queuePrefix);
    await store.update('file', (s) => ({ ...s, posts_in: 2, posts_out: 2, last_run: '2025-01-11T11:00:00.000Z' }));
    const cli = await rift('sources', '--json');
    expect(cli.code).toBe(0);
    const api = await stack.app.inject({ method: 'GET', url: '/api/sources' });
    expect(api.statusCode).toBe(200);
    expect(JSON.parse(cli.stdout)).toEqual(api.json());
    expect(api.json().never_run).toEqual(enabled.filter((n) => n !== 'file'));
    expect(api.json().never_run.length).toBeGreaterThan(0);
  });
});
