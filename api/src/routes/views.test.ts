import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVED_VIEWS_TABLE, sql } from '@rift/core';
import { ApiKeyStore } from '../auth/key-store.ts';
import { createTestApp, type TestApp } from '@rift/testing/app';

let t: TestApp;
const keys: Record<'viewer' | 'analyst', { id: string; key: string }> = { viewer: { id: '', key: '' }, analyst: { id: '', key: '' } };
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const as = (role: keyof typeof keys) => ({ authorization: `Bearer ${keys[role].key}` });

beforeAll(async () => {
  t = await createTestApp({ protection: { publicReads: true, keyCacheMs: 0 } });
  const store = new ApiKeyStore(t.clickhouse);
  for (const role of ['viewer', 'analyst'] as const) {
    const created = await store.create(role, role);
    keys[role] = { id: created.info.id, key: created.key };
  }
});

afterAll(async () => {
  await t?.close();
});

const explorerView = {
  name: 'Public, in English, January',
  page: 'explore',
  params: { metric: 'volume', group_by: 'lang', granularity: 'week', from: '2025-01-01', to: '2025-01-31', actor: 'public', q: 'red note' },
};
const save = (body: unknown, role: keyof typeof keys = 'viewer') => t.app.inject({ method: 'POST', url: '/api/views', payload: body as object, headers: as(role) });

describe('/api/views', () => {
  it('saves a view with a key of any role, and lists and reopens it with its dashboard link', async () => {
    const created = await save(explorerView);
    expect(created.statusCode).toBe(201);
    const view = created.json();
    expect(view).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: explorerView.name,
      page: 'explore',
      params: explorerView.params,
      url: '/explore?metric=volume&group_by=lang&granularity=week&from=2025-01-01&to=2025-01-31&actor=public&q=red+note',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
    });

    const divide = (await save({ name: '  The winter  ', page: 'divide', params: { granularity: 'day', from: '2024-12-01', to: '2025-02-28' } }, 'analyst')).json();
    expect(divide).toMatchObject({ name: 'The winter', url: '/?granularity=day&from=2024-12-01&to=2025-02-28' });
    const bare = (await save({ name: 'Defaults', page: 'divide', params: {} })).json();
    expect(bare.url).toBe('/');

    // Newest first, for anyone who may read (anonymous here, as reads are public).
    const list = await t.app.inject({ url: '/api/views' });
    expect(list.statusCode).toBe(200);
    expect(list.json().views.map((v: { id: string }) => v.id)).toEqual([bare.id, divide.id, view.id]);
    expect((await t.app.inject({ url: `/api/views/${view.id}` })).json()).toEqual(view);

    // The key that saved each view is recorded (and not shown).
    const rows = await t.clickhouse.query<{ id: string; created_by: string }>(sql`SELECT id, created_by FROM ${t.clickhouse.table(SAVED_VIEWS_TABLE)} FINAL`);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.created_by]))).toMatchObject({ [view.id]: keys.viewer.id, [divide.id]: keys.analyst.id });
    expect(JSON.stringify(list.json())).not.toContain(keys.viewer.id);
  });

  it('refuses to save anonymously even when reads are public, and deleting needs analyst', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/views', payload: explorerView });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ error: 'Unauthorized', message: expect.stringContaining('API key') });
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="rift"');

    const view = (await save(explorerView)).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/views/${view.id}` })).statusCode).toBe(401);
    const viewer = await t.app.inject({ method: 'DELETE', url: `/api/views/${view.id}`, headers: as('viewer') });
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json().message).toContain('analyst');
    expect((await t.app.inject({ url: `/api/views/${view.id}` })).statusCode).toBe(200);
  });

  it('deletes a view: it is gone from the list and by id, and a second delete is a 404', async () => {
    const view = (await save({ ...explorerView, name: 'To delete' })).json();
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/views/${view.id}`, headers: as('analyst') });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect((await t.app.inject({ url: `/api/views/${view.id}` })).json()).toEqual({ error: 'Not Found', message: expect.stringContaining(view.id) });
    expect((await t.app.inject({ url: '/api/views' })).json().views.map((v: { id: string }) => v.id)).not.toContain(view.id);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/views/${view.id}`, headers: as('analyst') })).statusCode).toBe(404);
  });

  it.each([
    ['an empty name', { ...explorerView, name: '' }, /name/],
    ['a blank name', { ...explorerView, name: '   ' }, /name/],
    ['a name over 120 characters', { ...explorerView, name: 'x'.repeat(121) }, /name must NOT have more than 120/],
    ['an unknown page', { ...explorerView, page: 'alerts' }, /page must be one of: divide, explore/],
    ['a parameter the page does not read', { ...explorerView, page: 'divide' }, /unknown parameter "metric" for the divide page; expected one of granularity, from, to/],
    ['an unknown parameter', { ...explorerView, params: { ...explorerView.params, colour: 'red' } }, /unknown parameter "colour" for the explore page/],
    ['a keyword over its limit', { ...explorerView, params: { q: 'x'.repeat(201) } }, /params\.q must be at most 200 characters/],
    ['a non-text value', { ...explorerView, params: { from: { year: 2025 } } }, /params\.from must be string/],
    ['an unknown field', { ...explorerView, chart: 'line' }, /unknown parameter "chart"/],
    ['no params', { name: 'x', page: 'divide' }, /missing parameter "params"/],
  ])('refuses %s with a 400 that says why', async (_what, body, message) => {
    const res = await save(body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad Request', message: expect.stringMatching(message) });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await t.app.inject({ url: `/api/views/${UNKNOWN}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/views/nope' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/views?limit=5' })).statusCode).toBe(400);
  });
});

describe('/api/views without public reads', () => {
  it('needs a key to list', async () => {
    const closed = await createTestApp({ protection: { publicReads: false } });
    try {
      expect((await closed.app.inject({ url: '/api/views' })).statusCode).toBe(401);
    } finally {
      await closed.close();
    }
  });
});
