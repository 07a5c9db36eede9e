// Zeeschuimer's "to 4CAT" button pointed at Rift: the requests the extension sends (a sign-in's
// session cookie, an NDJSON body with X-Zeeschuimer-Platform, then polling check-query), over
// real HTTP to a listening server, through the real queue and worker into ClickHouse.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTS_TABLE, REPO_ROOT, sql } from '@rift/core';
import { ApiKeyStore, buildApp } from '@rift/api';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';

const FIXTURES = path.join(REPO_ROOT, 'ingest/src/sources/zeeschuimer/fixtures');
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

let pipeline: TestPipeline;
let app: FastifyInstance;
let base: string;
let keys: ApiKeyStore;

beforeAll(async () => {
  pipeline = await startTestPipeline();
  app = await buildApp({
    clickhouse: pipeline.db.clickhouse,
    redis: pipeline.redis,
    postsQueue: pipeline.queue,
    queuePrefix: pipeline.prefix,
    pack: pipeline.pack,
    // Writes always need a key; keyCacheMs 0 so a revocation shows at once.
    protection: { publicReads: false, keyCacheMs: 0 },
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  keys = new ApiKeyStore(pipeline.db.clickhouse);
});
afterAll(async () => {
  await app?.close();
  await pipeline?.close();
});

async function signIn(key: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^rift_session=[A-Za-z0-9_-]{43}; Path=\/api; HttpOnly; SameSite=Lax; Max-Age=43200$/);
  return cookie.split(';')[0]!;
}

/** What popup/interface.js sends: the Blob of the export, the platform header, the browser's cookies. */
function upload(body: string, platform: string, auth: Record<string, string>) {
  return fetch(`${base}/api/import-dataset/`, {
    method: 'POST',
    headers: { 'x-zeeschuimer-platform': platform, 'content-type': 'application/x-ndjson', 'user-agent': FIREFOX, ...auth },
    body,
  });
}

describe('the 4CAT-compatible upload', () => {
  it('takes an export from a signed-in browser, answers with a key, and check-query reports exact counts', async () => {
    const { key } = await keys.create('analyst', 'researcher laptop');
    const cookie = await signIn(key);
    const body = (await readFile(path.join(FIXTURES, 'rednote-api.ndjson'), 'utf8')) + (await readFile(path.join(FIXTURES, 'rednote-embedded.ndjson'), 'utf8'));
    const res = await upload(body, 'xiaohongshu.com', { cookie });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { key: string; status: string; url: string };
    expect(answer).toEqual({ status: 'queued', key: expect.stringMatching(/^[0-9a-f]{24}$/), url: `${base}/explore?metric=volume&group_by=source&source=rednote` });

    // The extension polls until done, then keeps datasource, rows and url in its history.
    const poll = await fetch(`${base}/api/check-query/?key=${answer.key}`, { headers: { cookie, 'user-agent': FIREFOX } });
    expect(poll.status).toBe(200);
    expect(await poll.json()).toMatchObject({
      key: answer.key,
      done: true,
      datasource: 'rednote',
      rows: 5,
      empty: false,
      url: answer.url,
      // The first note comes twice (search result, then its page): once within the upload.
      counts: { lines: 9, queued: 5, already_stored: 0, duplicates_within_file: 2, stubs: 1, rejected: 1, by_source: { rednote: 5 } },
      status: expect.stringMatching(/^Queued for analysis: 9 lines read, 5 queued/),
    });

    await pipeline.drained();
    const db = pipeline.db.clickhouse;
    const stored = await db.query<{ n: string }>(sql`SELECT count() AS n FROM ${db.table(POSTS_TABLE)} FINAL WHERE sign = 1 AND source = 'rednote'`);
    expect(Number(stored[0]!.n)).toBe(5);

    // The same upload again (a second click) stores nothing new and says so.
    const again = (await (await upload(body, 'xiaohongshu.com', { cookie })).json()) as { key: string };
    const second = (await (await fetch(`${base}/api/check-query/?key=${again.key}`, { headers: { cookie } })).json()) as { rows: number; counts: { queued: number; already_stored: number } };
    expect(second).toMatchObject({ rows: 5, counts: { queued: 0, already_stored: 5 } });
  });

  it('takes a bearer analyst key too, and refuses what the extension would show as an error', async () => {
    const { key: analyst } = await keys.create('analyst', 'script');
    const tiktok = await readFile(path.join(FIXTURES, 'tiktok-api.ndjson'), 'utf8');
    const ok = await upload(tiktok, 'tiktok.com', { authorization: `Bearer ${analyst}` });
    expect(ok.status).toBe(200);

    // Not signed in: 401, nothing queued.
    expect((await upload(tiktok, 'tiktok.com', {})).status).toBe(401);
    // A viewer may read but not upload.
    const { key: viewer } = await keys.create('viewer', 'reader');
    expect((await upload(tiktok, 'tiktok.com', { cookie: await signIn(viewer) })).status).toBe(403);
    // A platform Rift does not read: the 404 text the extension looks for.
    const unknown = await upload(tiktok, 'instagram.com', { authorization: `Bearer ${analyst}` });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Unknown platform or source format');
    // A wrong key does not sign in; a made-up key is not a status.
    expect((await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: 'rift_nope' }) })).status).toBe(401);
    expect((await fetch(`${base}/api/check-query/?key=${'0'.repeat(24)}`, { headers: { authorization: `Bearer ${analyst}` } })).status).toBe(404);
  });

  it('accepts the session cookie only on the upload routes, and not after the key is revoked or the browser signs out', async () => {
    const { key, info } = await keys.create('analyst', 'shared machine');
    const cookie = await signIn(key);
    // Every other route keeps to bearer keys.
    const view = await fetch(`${base}/api/views`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', page: 'divide', params: {} }) });
    expect(view.status).toBe(401);
    const douyin = await readFile(path.join(FIXTURES, 'douyin-api.ndjson'), 'utf8');
    expect((await upload(douyin, 'douyin.com', { cookie })).status).toBe(200);
    await keys.revoke(info.id);
    expect((await upload(douyin, 'douyin.com', { cookie })).status).toBe(401);

    const { key: other } = await keys.create('analyst', 'another');
    const fresh = await signIn(other);
    const out = await fetch(`${base}/api/session`, { method: 'DELETE', headers: { cookie: fresh } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^rift_session=; .*Max-Age=0$/);
    expect((await upload(douyin, 'douyin.com', { cookie: fresh })).status).toBe(401);
  });
});
