import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, POSTS_TABLE, sql } from '@rift/core';
import { ApiKeyStore } from '../auth/key-store.ts';
import { corpusRows } from '@rift/testing/corpus';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { limitQueries } from './query-limits.ts';

let t: TestApp;
let adminKey: string;
let viewerKey: string;

beforeAll(async () => {
  t = await createTestApp({ protection: { rateLimitPerMinute: 5, bodyLimitBytes: 1024, maxRows: 3 } });
  await t.clickhouse.insert(POSTS_TABLE, corpusRows());
  const store = new ApiKeyStore(t.clickhouse);
  adminKey = (await store.create('admin', 'limits admin')).key;
  viewerKey = (await store.create('viewer', 'limits viewer')).key;
});

afterAll(async () => {
  await t?.close();
});

describe('rate limit', () => {
  it('answers 429 with Retry-After after the limit, per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.app.inject({ url: '/api/events', remoteAddress: '10.0.0.1' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await t.app.inject({ url: '/api/events', remoteAddress: '10.0.0.1' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toEqual({ error: 'Too Many Requests', message: expect.stringMatching(/at most 5 a minute per client; try again in/) });
    // Another address, and a key from the same address, each have their own budget.
    expect((await t.app.inject({ url: '/api/events', remoteAddress: '10.0.0.2' })).statusCode).toBe(200);
    const keyed = await t.app.inject({ url: '/api/events', remoteAddress: '10.0.0.1', headers: { authorization: `Bearer ${viewerKey}` } });
    expect(keyed.statusCode).toBe(200);
  });
});

describe('body limit', () => {
  it('answers 413 with { error, message } for a body over the limit', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/anything',
      remoteAddress: '10.0.1.1',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(2048) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: 'Payload Too Large', message: expect.any(String) });
  });

  it('refuses an unauthenticated large body before reading it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/anything', remoteAddress: '10.0.1.2', payload: { text: 'x'.repeat(2048) } });
    expect(res.statusCode).toBe(401);
  });
});

describe('query limits', () => {
  it('refuses an answer over the row cap with a 400 that states the cap', async () => {
    const res = await t.app.inject({ url: '/api/trends?metric=volume&group_by=actor&granularity=hour&from=2024-06-01&to=2024-06-15', remoteAddress: '10.0.2.1' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad Request', message: expect.stringMatching(/more than 3 rows, the API's limit/) });
  });

  it('turns a query over the time limit into a 504 that says so', async () => {
    const limited = limitQueries(t.clickhouse, { timeoutSeconds: 1, maxRows: 1000 });
    const slow = limited.query(sql`SELECT count() FROM system.numbers WHERE NOT ignore(sleep(0.5))`);
    await expect(slow).rejects.toBeInstanceOf(HttpError);
    await expect(slow).rejects.toMatchObject({ statusCode: 504, message: expect.stringMatching(/longer than the API's limit of 1 s/) });
  });

  it('leaves other failures to the error handler', async () => {
    const limited = limitQueries(t.clickhouse, { timeoutSeconds: 1, maxRows: 1000 });
    await expect(limited.query(sql`SELECT * FROM no_such_table`)).rejects.toMatchObject({ name: 'StoreError' });
    expect(limited.table(POSTS_TABLE).text).toBe(t.clickhouse.table(POSTS_TABLE).text);
  });
});
