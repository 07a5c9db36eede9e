import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { ApiKeyStore } from './key-store.ts';
import type { Role } from './roles.ts';

let open: TestApp;
let closed: TestApp;
const keys = {} as Record<Role, string>;

beforeAll(async () => {
  // keyCacheMs 0: a revocation shows at once, so the test need not wait out the cache.
  open = await createTestApp({ protection: { publicReads: true, keyCacheMs: 0 } });
  closed = await createTestApp({ protection: { publicReads: false, keyCacheMs: 0 } });
  for (const t of [open, closed]) {
    const store = new ApiKeyStore(t.clickhouse);
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      // Both apps get keys with the same roles; each key is only in its own app's database.
      const { key } = await store.create(role, `${role} key`);
      if (t === closed) keys[role] = key;
    }
  }
});

afterAll(async () => {
  await open?.close();
  await closed?.close();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('the key store', () => {
  it('creates, lists without secrets, and revokes keys', async () => {
    const store = new ApiKeyStore(closed.clickhouse);
    const { key, info } = await store.create('analyst', '  a researcher  ');
    expect(info).toMatchObject({ role: 'analyst', name: 'a researcher', revoked: false });
    expect(key.startsWith(`rift_${info.id}_`)).toBe(true);

    const listed = await store.list();
    expect(listed.find((k) => k.id === info.id)).toEqual(info);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(key.slice(18));
    expect(text).not.toMatch(/hash|[0-9a-f]{64}/);

    expect(await store.revoke(info.id)).toBe(true);
    expect(await store.revoke(info.id)).toBe(true);
    expect((await store.list()).find((k) => k.id === info.id)?.revoked).toBe(true);
    expect(await store.revoke('000000000000')).toBe(false);
  });

  it('refuses an empty, long or multi-line name', async () => {
    const store = new ApiKeyStore(closed.clickhouse);
    for (const name of ['', '   ', 'x'.repeat(101), 'two\nlines']) {
      await expect(store.create('viewer', name)).rejects.toThrow(/1 to 100 printable characters/);
    }
  });
});

describe('access control', () => {
  it('answers reads without a key when public reads are on', async () => {
    for (const url of ['/api/health', '/api/events', '/api/summary', '/api/sources', '/api/trends', '/metrics']) {
      const res = await open.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
    }
  });

  it('refuses reads without a key when public reads are off: 401 with { error, message }', async () => {
    for (const url of ['/api/health', '/api/events', '/api/summary', '/api/sources', '/api/trends', '/metrics', '/api/no-such-route']) {
      const res = await closed.app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json()).toEqual({ error: 'Unauthorized', message: expect.stringContaining('Authorization: Bearer KEY') });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="rift"');
    }
  });

  it('answers reads to every role', async () => {
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      const res = await closed.app.inject({ url: '/api/summary', headers: bearer(keys[role]) });
      expect(res.statusCode, role).toBe(200);
    }
  });

  it('refuses a wrong, malformed or foreign key with 401, even where reads are public', async () => {
    const wrongSecret = `${keys.viewer.slice(0, 18)}${'0'.repeat(64)}`;
    for (const authorization of [`Bearer ${wrongSecret}`, 'Bearer nonsense', `Basic ${keys.viewer}`, `Bearer ${keys.viewer} extra`, 'Bearer']) {
      for (const t of [open, closed]) {
        const res = await t.app.inject({ url: '/api/summary', headers: { authorization } });
        expect(res.statusCode, authorization).toBe(401);
        expect(res.json().error).toBe('Unauthorized');
      }
    }
    // A key of another installation (here: another database) is unknown here.
    const res = await open.app.inject({ url: '/api/summary', headers: bearer(keys.admin) });
    expect(res.statusCode).toBe(401);
  });

  it('never leaves writes open: an undeclared write needs admin, 401 without a key', async () => {
    for (const t of [open, closed]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/anything', payload: { a: 1 } });
      expect(res.statusCode).toBe(401);
    }
    const viewer = await closed.app.inject({ method: 'DELETE', url: '/api/anything', headers: bearer(keys.viewer) });
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json()).toEqual({ error: 'Forbidden', message: expect.stringMatching(/needs the admin role; key [0-9a-f]{12} has viewer/) });
    const analyst = await closed.app.inject({ method: 'POST', url: '/api/anything', headers: bearer(keys.analyst) });
    expect(analyst.statusCode).toBe(403);
    // An admin gets past access control to the route lookup: there is no such route.
    const admin = await closed.app.inject({ method: 'POST', url: '/api/anything', headers: bearer(keys.admin) });
    expect(admin.statusCode).toBe(404);
  });

  it('stops a revoked key', async () => {
    const store = new ApiKeyStore(closed.clickhouse);
    const { key, info } = await store.create('viewer', 'short-lived');
    expect((await closed.app.inject({ url: '/api/events', headers: bearer(key) })).statusCode).toBe(200);
    await store.revoke(info.id);
    const res = await closed.app.inject({ url: '/api/events', headers: bearer(key) });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toMatch(/not valid or has been revoked/);
  });
});
