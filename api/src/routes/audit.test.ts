import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../auth/key-store.ts';
import { corpusRows } from '@rift/testing/corpus';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { POSTS_TABLE } from '@rift/core';

let t: TestApp;
const keys = {} as Record<'analyst' | 'admin', { key: string; id: string }>;

beforeAll(async () => {
  t = await createTestApp({ protection: { rateLimitPerMinute: 1_000_000 } });
  await t.clickhouse.insert(POSTS_TABLE, corpusRows());
  const store = new ApiKeyStore(t.clickhouse);
  for (const role of ['analyst', 'admin'] as const) {
    const { key, info } = await store.create(role, `${role} key`);
    keys[role] = { key, id: info.id };
  }
});

afterAll(async () => {
  await t?.close();
});

const as = (role: 'analyst' | 'admin') => ({ authorization: `Bearer ${keys[role].key}` });

describe('the audit log', () => {
  it('records who created, changed or deleted keys, rules, views, validation runs and posts; GET /api/audit answers admins only', async () => {
    const rule = await t.app.inject({
      method: 'POST',
      url: '/api/alerts',
      headers: as('analyst'),
      payload: { name: 'Oppose surges', metric: 'stance_oppose_share', comparator: '>', threshold: 0.6, window: '1h', interval: '1h', for: '1h', channels: {} },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const ruleId = rule.json().id as string;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/alerts/${ruleId}`, headers: as('analyst') })).statusCode).toBe(204);
    const view = await t.app.inject({ method: 'POST', url: '/api/views', headers: as('analyst'), payload: { name: 'June', page: 'explore', params: {} } });
    expect(view.statusCode, view.body).toBe(201);
    const validation = await t.app.inject({
      method: 'POST',
      url: '/api/validations?name=sheet.csv',
      headers: { ...as('analyst'), 'content-type': 'text/csv' },
      payload: 'source,id,text,code_stance\ndemo,g1,,support_ban\n',
    });
    expect(validation.statusCode, validation.body).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/forget', headers: as('admin'), payload: { source: 'demo', id: 'p1' } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/audit', headers: as('analyst') })).statusCode).toBe(403);
    await new ApiKeyStore(t.clickhouse).revoke(keys.analyst.id);

    const res = await t.app.inject({ url: '/api/audit?limit=50', headers: as('admin') });
    expect(res.statusCode, res.body).toBe(200);
    const entries = (res.json().entries as Array<{ actor: string; action: string; object_type: string; object_id: string; at: string }>).map(({ actor, action, object_type, object_id }) => ({ actor, action, object_type, object_id }));
    const analyst = `key:${keys.analyst.id}`;
    expect(entries).toEqual(
      expect.arrayContaining([
        { actor: 'cli', action: 'create', object_type: 'key', object_id: keys.analyst.id },
        { actor: 'cli', action: 'create', object_type: 'key', object_id: keys.admin.id },
        { actor: analyst, action: 'create', object_type: 'rule', object_id: ruleId },
        { actor: analyst, action: 'delete', object_type: 'rule', object_id: ruleId },
        { actor: analyst, action: 'create', object_type: 'view', object_id: view.json().id },
        { actor: analyst, action: 'create', object_type: 'validation', object_id: validation.json().id },
        { actor: `key:${keys.admin.id}`, action: 'forget', object_type: 'posts', object_id: 'demo/p1' },
        { actor: 'cli', action: 'revoke', object_type: 'key', object_id: keys.analyst.id },
      ]),
    );
    expect(entries).toHaveLength(8);
    const views = await t.app.inject({ url: '/api/audit?object_type=view', headers: as('admin') });
    expect(views.json().entries).toHaveLength(1);
    // The log never holds a secret.
    expect(res.body).not.toContain(keys.admin.key.slice(18, 82));
  });
});
