import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { ApiKeyStore } from './key-store.ts';
import { generateKey, hashKey } from './keys.ts';
import { API_KEYS_TABLE } from '@rift/core';

let counted: TestApp;
let limited: TestApp;

beforeAll(async () => {
  counted = await createTestApp({ protection: { publicReads: false, authFailuresPerMinute: 100_000 } });
  limited = await createTestApp({ protection: { publicReads: false, authFailuresPerMinute: 5 } });
});

afterAll(async () => {
  await counted?.close();
  await limited?.close();
});

/** Counts the queries the app sends to its real ClickHouse from now on (the spy calls through). */
function countQueries(t: TestApp) {
  const spy = vi.spyOn(t.clickhouse, 'query');
  return { count: () => spy.mock.calls.length, stop: () => spy.mockRestore() };
}

const withKey = (key: string, remoteAddress = '127.0.0.1') => ({ url: '/api/events', headers: { authorization: `Bearer ${key}` }, remoteAddress });

describe('keys that cannot be real', () => {
  it('500 random keys with a wrong check: 500 x 401 and no ClickHouse query', async () => {
    const queries = countQueries(counted);
    for (let i = 0; i < 500; i++) {
      const res = await counted.app.inject(withKey(`rift_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('hex')}_${randomBytes(4).toString('hex')}`));
      expect(res.statusCode).toBe(401);
    }
    expect(queries.count()).toBe(0);
    queries.stop();
  });

  it('500 random legacy-form keys: 401 each, one query for the list of stored ids', async () => {
    const queries = countQueries(counted);
    for (let i = 0; i < 500; i++) {
      const res = await counted.app.inject(withKey(`rift_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('hex')}`));
      expect(res.statusCode).toBe(401);
    }
    expect(queries.count()).toBe(1);
    queries.stop();
  });

  it('a forged key with a right check costs one query, then its unknown id is remembered', async () => {
    const forged = Array.from({ length: 20 }, () => generateKey().key);
    const queries = countQueries(counted);
    for (let round = 0; round < 3; round++) {
      for (const key of forged) expect((await counted.app.inject(withKey(key))).statusCode).toBe(401);
    }
    expect(queries.count()).toBe(20);
    queries.stop();
  });

  it('a legacy key stored before the check existed keeps working', async () => {
    const id = randomBytes(6).toString('hex');
    const key = `rift_${id}_${randomBytes(32).toString('hex')}`;
    await limited.clickhouse.insert(API_KEYS_TABLE, [
      { id, name: 'made in 2025', role: 'viewer', hash: hashKey(key), created_at: '2025-01-01 00:00:00', revoked: 0, revoked_at: '1970-01-01 00:00:00', version: 1 },
    ]);
    // `limited` has not seen a legacy-form key yet, so it reads the stored ids now, with this one.
    expect((await limited.app.inject(withKey(key))).statusCode).toBe(200);
  });
});

describe('failed authentications', () => {
  it('are limited per client: 700 wrong keys get 5 x 401, then 429 with Retry-After and no lookup', async () => {
    const queries = countQueries(limited);
    const statuses = { 401: 0, 429: 0 } as Record<number, number>;
    let retryAfter: string | undefined;
    for (let i = 0; i < 700; i++) {
      const res = await limited.app.inject(withKey(generateKey().key, '10.0.0.7'));
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode === 429) {
        retryAfter = res.headers['retry-after'] as string;
        expect(res.json()).toEqual({ error: 'Too Many Requests', message: expect.stringContaining('at most 5 a minute') });
      }
    }
    expect(statuses).toEqual({ 401: 5, 429: 695 });
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(queries.count()).toBe(5);
    queries.stop();
  });

  it('count malformed headers too, and leave other clients alone', async () => {
    for (let i = 0; i < 5; i++) expect((await limited.app.inject(withKey('nonsense', '10.0.0.8'))).statusCode).toBe(401);
    expect((await limited.app.inject(withKey('nonsense', '10.0.0.8'))).statusCode).toBe(429);
    const { key } = await new ApiKeyStore(limited.clickhouse).create('viewer', 'honest client');
    expect((await limited.app.inject(withKey(key, '10.0.0.9'))).statusCode).toBe(200);
  });
});
