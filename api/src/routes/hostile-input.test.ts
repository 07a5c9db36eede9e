import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { POSTS_TABLE, sql } from '@rift/core';
import { corpusRows, CORPUS } from '@rift/testing/corpus';
import { ApiKeyStore } from '../auth/key-store.ts';
import { createTestApp, type TestApp } from '@rift/testing/app';

/**
 * Every query parameter of every GET route, fuzzed with hostile values: each answer is a 400
 * with a message or a correct answer, never a 500, and the tables are unchanged afterwards.
 * The routes and their parameters are read from the app itself (an onRoute hook added to the
 * Fastify factory), so a route added later is fuzzed without editing this file.
 */

interface CapturedRoute {
  methods: string[];
  url: string;
  query: { properties?: Record<string, JsonSchema>; required?: string[] };
}
interface JsonSchema {
  type?: string | string[];
  enum?: readonly unknown[];
  minimum?: number;
  default?: unknown;
}

const captured = vi.hoisted(() => [] as CapturedRoute[]);

vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof import('fastify')>();
  const factory = ((options?: object) => {
    const app = real.default(options);
    app.addHook('onRoute', (route) => {
      const methods = ([] as string[]).concat(route.method as string | string[]);
      captured.push({ methods, url: route.url, query: (route.schema?.querystring ?? {}) as CapturedRoute['query'] });
    });
    return app;
  }) as unknown as typeof real.default;
  return { ...real, default: factory };
});

let t: TestApp;
let before: string;

/** Every table of the test database with its row count, and a checksum of the posts. */
async function snapshot(): Promise<string> {
  const ch = t.clickhouse;
  const tables = await ch.query<{ name: string; engine: string }>(
    sql`SELECT name, engine FROM system.tables WHERE database = ${ch.database} ORDER BY name`,
  );
  const parts: string[] = [];
  for (const { name, engine } of tables) {
    if (engine === 'View') continue;
    const [row] = await ch.query<{ n: string }>(sql`SELECT toString(count()) AS n FROM ${ch.table(name)}`);
    parts.push(`${name}:${row?.n}`);
  }
  const [posts] = await ch.query<{ sum: string }>(
    sql`SELECT toString(sum(cityHash64(source, id, text, version, sign))) AS sum FROM ${ch.table(POSTS_TABLE)}`,
  );
  return `${parts.join(',')};posts=${posts?.sum}`;
}

beforeAll(async () => {
  captured.length = 0;
  t = await createTestApp({ protection: { rateLimitPerMinute: 1_000_000, authFailuresPerMinute: 1_000_000 } });
  await t.clickhouse.insert(POSTS_TABLE, corpusRows());
  // An admin key on every request, so that routes above viewer (GET /api/audit) are fuzzed too.
  adminKey = (await new ApiKeyStore(t.clickhouse).create('admin', 'fuzzer')).key;
  before = await snapshot();
});

afterAll(async () => {
  if (t) expect(await snapshot()).toBe(before);
  await t?.close();
});

/** Strings that have broken SQL, parsers or logs somewhere. */
const NASTY = [
  "'", "''", "\\'", '\\', '"', '`', '%', '_', '/* comment */',
  "'; DROP TABLE posts_v1; --", "' OR 1=1 --", "actor') OR ('1'='1", '1; SELECT * FROM system.users',
  "x' UNION ALL SELECT name FROM system.tables --",
  '\u0000', 'a\u0000b', '\r\n', '\t', '\u001b[31m', '\u202e', '\u200b', '\ud800', '🚀', '中文',
  '-1', '0', '-0', '1.5', '0x10', '1e308', '1e309', '-1e309', 'NaN', 'Infinity', '99999999999999999999999', '-99999999999999999999999',
  'true', 'null', '[]', '{}', '[object Object]', '__proto__', 'constructor',
  '2024-06-01', '2024-06-01T00:00:00Z', '2106-02-07T06:28:16Z', '9999-12-31', '0000-00-00',
  'x'.repeat(5000),
];

const hostileString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(',')),
);

/** A valid value for a required parameter, so the other parameters are reached. */
function validValue(schema: JsonSchema): string {
  if (schema.enum?.length) return String(schema.enum[0]);
  if (schema.type === 'integer' || schema.type === 'number') return String(Math.max(1, schema.minimum ?? 1));
  return 'a';
}

function fuzzedRoutes(): CapturedRoute[] {
  const seen = new Set<string>();
  return captured.filter((r) => {
    // The API docs' static files (Swagger UI's, a wildcard route and a redirect) take no parameters.
    const docsFiles = r.url.startsWith('/api/docs/static/');
    const readable = r.methods.includes('GET') && (r.url.startsWith('/api/') || r.url === '/metrics') && !docsFiles;
    if (!readable || seen.has(r.url)) return false;
    seen.add(r.url);
    return true;
  });
}

interface Answer {
  status: number;
  body: string;
  type: string;
}

let adminKey: string;

async function get(url: string, headers: Record<string, string> = { authorization: `Bearer ${adminKey}` }): Promise<Answer> {
  const res = await t.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, body: res.body, type: String(res.headers['content-type'] ?? '') };
}

/** A 400 with a message, or a 200 whose body is what its content type says. */
function expectHandled(res: Answer, context: string): void {
  expect([200, 400], `${context} -> ${res.status} ${res.body.slice(0, 300)}`).toContain(res.status);
  if (res.status === 400) {
    const body = JSON.parse(res.body) as { error: string; message: string };
    expect(body.error, context).toBe('Bad Request');
    expect(body.message.length, context).toBeGreaterThan(0);
  } else if (res.type.startsWith('application/json')) {
    expect(() => JSON.parse(res.body), context).not.toThrow();
  }
}

function urlFor(route: CapturedRoute, params: Array<[string, string]>): string {
  const search = new URLSearchParams();
  const given = new Set(params.map(([k]) => k));
  for (const name of route.query.required ?? []) {
    if (!given.has(name)) search.append(name, validValue(route.query.properties?.[name] ?? {}));
  }
  for (const [k, v] of params) search.append(k, v);
  const qs = search.toString();
  return qs ? `${route.url}?${qs}` : route.url;
}

describe('hostile input', () => {
  it('finds the routes to fuzz', () => {
    const urls = fuzzedRoutes().map((r) => r.url);
    for (const url of ['/api/health', '/api/trends', '/api/events', '/api/summary', '/api/sources', '/metrics']) {
      expect(urls).toContain(url);
    }
  });

  it('every parameter of every GET route: each nasty value alone gets a 400 or an answer', async () => {
    for (const route of fuzzedRoutes()) {
      const names = Object.keys(route.query.properties ?? {});
      for (const name of names) {
        for (const value of NASTY) {
          expectHandled(await get(urlFor(route, [[name, value]])), `${route.url} ${name}=${JSON.stringify(value).slice(0, 60)}`);
        }
        // The same parameter twice is an array where a string is expected.
        expectHandled(await get(urlFor(route, [[name, 'a'], [name, 'b']])), `${route.url} ${name} repeated`);
      }
    }
  }, 300_000);

  it('random mixes of parameters, unknown ones included, never get a 500', async () => {
    for (const route of fuzzedRoutes()) {
      const names = [...Object.keys(route.query.properties ?? {}), 'unknown', '__proto__', 'constructor', "x'", 'a[b]'];
      const param = fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 10 })), hostileString);
      await fc.assert(
        fc.asyncProperty(fc.array(param, { minLength: 1, maxLength: 4 }), async (params) => {
          expectHandled(await get(urlFor(route, params)), `${route.url} ${JSON.stringify(params).slice(0, 200)}`);
        }),
        { numRuns: 40 },
      );
    }
  }, 300_000);

  it('raw, broken percent-encoding and odd paths never get a 500', async () => {
    const raw = ['%00', '%', '%ZZ', '%C0%AF', '%ED%A0%80', '%FF%FE', '%27%3B--', '%E2%80%AE', '%0D%0ASet-Cookie:x=1'];
    for (const route of fuzzedRoutes()) {
      for (const name of [...Object.keys(route.query.properties ?? {}), 'x']) {
        for (const value of raw) {
          const url = urlFor(route, []);
          const sep = url.includes('?') ? '&' : '?';
          expectHandled(await get(`${url}${sep}${name}=${value}`), `${route.url} ${name}=${value}`);
        }
      }
    }
    for (const path of ['/api/%00', '/api/..%2F..%2Fetc%2Fpasswd', '/api/trends/%27', '/%00', '/api//trends']) {
      const res = await get(path);
      expect([200, 400, 404], `${path} -> ${res.status}`).toContain(res.status);
    }
  }, 300_000);

  it('a keyword search answers exactly the posts whose text contains it', async () => {
    if (!fuzzedRoutes().some((r) => r.url === '/api/posts')) return;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...NASTY, 'post', 'POST P1', 'test post g'), fc.string({ maxLength: 12 })), async (q) => {
        const res = await get(urlFor({ methods: ['GET'], url: '/api/posts', query: {} }, [['q', q], ['limit', '500']]));
        expectHandled(res, `q=${JSON.stringify(q)}`);
        if (res.status !== 200) return;
        const ids = (JSON.parse(res.body) as { posts: Array<{ id: string }> }).posts.map((p) => p.id).sort();
        const needle = q.toLowerCase();
        const expected = q.trim() === '' ? CORPUS.map((p) => p.id) : CORPUS.filter((p) => `test post ${p.id}`.toLowerCase().includes(needle)).map((p) => p.id);
        expect(ids, `q=${JSON.stringify(q)}`).toEqual([...expected].sort());
      }),
      { numRuns: 150 },
    );
  }, 300_000);

  it('hostile Authorization and x-request-id headers get a 401 or an answer, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, fc.string({ unit: 'binary', maxLength: 60 }), async (auth, requestId) => {
        // Header values cannot carry line breaks or NUL; such requests never reach the server.
        const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\uffff]/g, '');
        const res = await get('/api/events', { authorization: `Bearer ${clean(auth)}`, 'x-request-id': clean(requestId) });
        expect(res.status, `${auth} -> ${res.status}`).toBe(401);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
