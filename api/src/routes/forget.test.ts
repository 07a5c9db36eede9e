import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORGOTTEN_TABLE, POSTS_TABLE, sql } from '@rift/core';
import { ApiKeyStore } from '../auth/key-store.ts';
import { corpusRows, rescoreRows } from '@rift/testing/corpus';
import { createTestApp, type TestApp } from '@rift/testing/app';

let t: TestApp;
const keys: Record<'analyst' | 'admin', { key: string; id: string }> = {} as never;

beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, corpusRows());
  await t.clickhouse.insert(POSTS_TABLE, rescoreRows());
  const store = new ApiKeyStore(t.clickhouse);
  for (const role of ['analyst', 'admin'] as const) {
    const { key, info } = await store.create(role, `${role} key`);
    keys[role] = { key, id: info.id };
  }
});

afterAll(async () => {
  await t?.close();
});

const forget = (payload: object, role?: 'analyst' | 'admin') =>
  t.app.inject({ method: 'POST', url: '/api/forget', payload, headers: role ? { authorization: `Bearer ${keys[role].key}` } : {} });

async function summaryPosts(): Promise<number> {
  const res = await t.app.inject({ url: '/api/summary' });
  return res.json().posts as number;
}

describe('POST /api/forget', () => {
  it('needs an admin key', async () => {
    expect((await forget({ source: 'demo', id: 'p1' })).statusCode).toBe(401);
    expect((await forget({ source: 'demo', id: 'p1' }, 'analyst')).statusCode).toBe(403);
  });

  it('refuses a body that names nothing, or an id without a source', async () => {
    expect((await forget({}, 'admin')).statusCode).toBe(400);
    const res = await forget({ author: 'x', id: 'p1' }, 'admin');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/id goes with source/);
  });

  it('forgets one post: the answers count one fewer, and the tombstone names the key', async () => {
    const [{ source } = { source: '' }] = await t.clickhouse.query<{ source: string }>(sql`SELECT source FROM ${t.clickhouse.table(POSTS_TABLE)} WHERE id = 'p1'`);
    const before = await summaryPosts();
    const res = await forget({ source, id: 'p1' }, 'admin');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ posts: 1 });
    expect(await summaryPosts()).toBe(before - 1);
    const stones = await t.clickhouse.query<{ actor: string }>(sql`SELECT actor FROM ${t.clickhouse.table(FORGOTTEN_TABLE)}`);
    expect(stones).toEqual([{ actor: `key:${keys.admin.id}` }]);
  });
});
