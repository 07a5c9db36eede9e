import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RouteOptions } from 'fastify';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { DOCS_PREFIX } from './api-docs.ts';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: unknown;
}
interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  responses?: Record<string, unknown>;
  security?: unknown[];
  requestBody?: { content?: Record<string, unknown> };
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
  servers?: Array<{ url: string }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// Every route the app adds, seen by an onRoute hook put on each Fastify instance as it is made.
const routes = vi.hoisted(() => [] as RouteOptions[]);

vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof import('fastify')>();
  const factory = ((options?: object) => {
    const app = real.default(options);
    app.addHook('onRoute', (route) => void routes.push(route));
    return app;
  }) as unknown as typeof real.default;
  return { ...real, default: factory };
});

let dashboardDir: string;
let t: TestApp;
let doc: OpenApiDocument;

beforeAll(async () => {
  // A dashboard build, so that its static-file routes are registered too (and left out of the document).
  dashboardDir = mkdtempSync(path.join(tmpdir(), 'rift-docs-'));
  writeFileSync(path.join(dashboardDir, 'index.html'), '<!doctype html><div id="root"></div>');
  t = await createTestApp({ dashboardDir });
  const res = await t.app.inject({ method: 'GET', url: `${DOCS_PREFIX}/json` });
  expect(res.statusCode, res.body).toBe(200);
  doc = res.json();
});

afterAll(async () => {
  await t?.close();
  rmSync(dashboardDir, { recursive: true, force: true });
});

/** Fastify's `/api/alerts/:id` as OpenAPI writes it, `/api/alerts/{id}`. */
const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Routes of the API itself: not the dashboard's files (`/`, `/*`) nor the documentation's own pages. */
function apiRoutes(): Array<{ method: string; url: string; route: RouteOptions }> {
  return routes.flatMap((route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
    const url = route.url;
    if (url === '/' || url === '/*' || url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`)) return [];
    return methods.map((method) => ({ method: method.toLowerCase(), url, route }));
  });
}

const operations = (): Array<[string, string, Operation]> =>
  Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).filter(([m]) => METHODS.includes(m)).map(([m, op]) => [p, m, op] as [string, string, Operation]));

describe('the OpenAPI document at /api/docs/json', () => {
  it('is an OpenAPI 3 document whose references, paths and parameters hold together', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toBe('Rift API');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const [p, method, op] of operations()) {
      const where = `${method.toUpperCase()} ${p}`;
      if (!p.startsWith('/')) problems.push(`${where}: path does not start with /`);
      if (!op.responses || Object.keys(op.responses).length === 0) problems.push(`${where}: no responses`);
      for (const code of Object.keys(op.responses ?? {})) if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) problems.push(`${where}: response ${code}`);
      const params = op.parameters ?? [];
      for (const param of params) {
        if (!['query', 'path', 'header', 'cookie'].includes(param.in)) problems.push(`${where}: parameter ${param.name} in ${param.in}`);
        if (param.in === 'path' && param.required !== true) problems.push(`${where}: path parameter ${param.name} not required`);
        if (param.schema === undefined) problems.push(`${where}: parameter ${param.name} has no schema`);
      }
      const templated = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).sort();
      const declared = params.filter((x) => x.in === 'path').map((x) => x.name).sort();
      if (templated.join() !== declared.join()) problems.push(`${where}: path parameters ${declared.join()} do not match the path`);
    }
    // Every $ref points at something in the document.
    const text = JSON.stringify(doc);
    for (const [, ref] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
      const target = ref!.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      if (!ref!.startsWith('#/') || target === undefined) problems.push(`unresolved $ref ${ref}`);
    }
    expect(problems).toEqual([]);
  });

  it('lists every route the app registers, each with a summary, a description and its query parameters described', () => {
    const registered = apiRoutes();
    expect(registered.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const { method, url, route } of registered) {
      const where = `${method.toUpperCase()} ${url}`;
      const op = doc.paths[openApiPath(url)]?.[method];
      if (!op) {
        problems.push(`${where} is not in the document`);
        continue;
      }
      if (!op.summary?.trim()) problems.push(`${where} has no summary (schema.summary)`);
      if (!op.description?.trim()) problems.push(`${where} has no description (schema.description)`);
      const schema = route.schema as { querystring?: { properties?: Record<string, unknown> } } | undefined;
      const documented = new Map((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]));
      for (const name of Object.keys(schema?.querystring?.properties ?? {})) {
        const param = documented.get(name);
        if (!param) problems.push(`${where}: query parameter ${name} is not in the document`);
        else if (!param.description?.trim()) problems.push(`${where}: query parameter ${name} has no description`);
      }
    }
    expect(problems, 'routes the OpenAPI document leaves undocumented').toEqual([]);
    // And nothing in the document that the app does not serve.
    const served = new Set(registered.map(({ method, url }) => `${method} ${openApiPath(url)}`));
    expect(operations().map(([p, m]) => `${m} ${p}`).filter((key) => !served.has(key))).toEqual([]);
  });

  it('marks the routes that need a key with a role, and says which role', () => {
    const create = doc.paths['/api/alerts']!.post!;
    expect(create.security).toEqual([{ apiKey: [] }]);
    expect(create.description).toMatch(/analyst role/);
    expect(doc.components?.securitySchemes?.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    // A read takes a key or none: anonymous when the server allows public reads.
    expect(doc.paths['/api/trends']!.get!.security).toEqual([{ apiKey: [] }, {}]);
  });
});

describe('the OpenAPI document, checked by tools nobody on the project wrote', () => {
  it('is valid for @apidevtools/swagger-parser', async () => {
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it("has no errors and no warnings under Redocly's recommended rules", async () => {
    // One rule is off: the Zeeschuimer upload routes are 4CAT's, whose paths end in a slash
    // (/api/import-dataset/, /api/check-query/), and the extension calls them as they are.
    const config = await createConfig({ extends: ['recommended'], rules: { 'no-path-trailing-slash': 'off' } });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const lines = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);
    expect(lines).toEqual([]);
  });

  it('is complete: a server, a 2xx answer and a security requirement on every operation, no phantom parameters', () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const [p, method, op] of operations()) {
      const where = `${method.toUpperCase()} ${p}`;
      if (!Object.keys(op.responses ?? {}).some((code) => code.startsWith('2'))) problems.push(`${where}: no 2xx response`);
      if (!op.security?.length) problems.push(`${where}: no security requirement`);
      for (const param of op.parameters ?? []) if (['type', 'additionalProperties', 'properties'].includes(param.name)) problems.push(`${where}: phantom parameter ${param.name}`);
    }
    expect(problems).toEqual([]);
    // Saving a view needs a key even when reads are public: no anonymous alternative.
    expect(doc.paths['/api/views']!.post!.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths['/api/views']!.get!.security).toEqual([{ apiKey: [] }, {}]);
    expect(Object.keys(doc.paths['/api/validations']!.post!.requestBody?.content ?? {})).toEqual(['text/csv', 'text/plain']);
  });

  it('lists no query parameter the server would refuse', async () => {
    for (const [p, method, op] of operations()) {
      if (method !== 'get' || p.includes('{')) continue;
      for (const param of (op.parameters ?? []).filter((x) => x.in === 'query')) {
        // A parameter the schema does not know is a 400 "must NOT have additional properties".
        const res = await t.app.inject({ url: `${p}?${param.name}=` });
        expect(res.body, `${p}?${param.name}`).not.toMatch(/additional propert/);
      }
    }
  });
});

describe('the documentation page at /api/docs', () => {
  it('is served with the API security headers, from files of this origin only', async () => {
    const page = await t.app.inject({ method: 'GET', url: DOCS_PREFIX });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset, 'no asset from another host').not.toMatch(/^(https?:)?\/\//);
      const res = await t.app.inject({ method: 'GET', url: new URL(asset, `http://localhost${DOCS_PREFIX}`).pathname });
      expect(res.statusCode, asset).toBe(200);
    }
  });

  it('serves the same document as YAML', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${DOCS_PREFIX}/yaml` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/yaml/);
    expect(res.body).toMatch(/^openapi: 3\.\d+\.\d+$/m);
    for (const p of Object.keys(doc.paths)) expect(res.body).toContain(`${p}:`);
  });
});
