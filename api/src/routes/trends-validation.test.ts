import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouse, POSTS_TABLE, sql } from '@rift/core';
import { corpusRows } from '@rift/testing/corpus';
import { createTestApp, type TestApp } from '@rift/testing/app';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, corpusRows());
});

afterAll(async () => {
  await t?.close();
});

const BASE = 'metric=volume&granularity=day&from=2024-06-01&to=2024-06-15';

async function get(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/trends?${query}` });
  return { status: res.statusCode, body: res.json() as { error?: string; message?: string; series?: unknown[] } };
}

async function expect400(query: string, message: RegExp): Promise<void> {
  const { status, body } = await get(query);
  expect(status, JSON.stringify(body)).toBe(400);
  expect(body.error).toBe('Bad Request');
  expect(body.message).toMatch(message);
}

describe('GET /api/trends refuses bad parameters with a 400 and a message', () => {
  it('names the allowed metrics, groupings and granularities', async () => {
    await expect400('metric=median&granularity=day', /metric must be one of: volume, sentiment_mean/);
    await expect400(`${BASE}&group_by=author`, /group_by must be one of: actor, stance/);
    await expect400('metric=volume&granularity=minute', /granularity must be one of: hour, day, week/);
  });

  it('refuses unknown parameters and repeated ones', async () => {
    await expect400(`${BASE}&grup_by=actor`, /unknown parameter "grup_by"/);
    await expect400(`${BASE}&metric=volume`, /metric/);
  });

  it('refuses dates it cannot read', async () => {
    await expect400('metric=volume&from=yesterday&to=2024-06-15', /from: "yesterday" is not an ISO 8601 date/);
    await expect400('metric=volume&from=2024-02-30&to=2024-06-15', /not an ISO 8601 date/);
    await expect400('metric=volume&from=2024-06-01T25:00:00Z&to=2024-06-15', /not an ISO 8601 date/);
    await expect400('metric=volume&from=1969-12-31&to=2024-06-15', /between 2000-01-01 and 2099-12-31/);
    await expect400('metric=volume&from=2024-06-01&to=99999-01-01', /not an ISO 8601 date/);
  });

  it('refuses a window that ends before it starts', async () => {
    await expect400('metric=volume&from=2024-06-15&to=2024-06-15', /from must be before to/);
    await expect400('metric=volume&from=2024-06-15&to=2024-06-01', /from must be before to/);
  });

  it('refuses a window too wide for the granularity, and says so', async () => {
    await expect400('metric=volume&granularity=hour&from=2024-01-01&to=2024-06-01', /too wide for granularity=hour: at most 92 days/);
    await expect400('metric=volume&granularity=day&from=2000-01-01&to=2020-01-01', /too wide for granularity=day/);
    const ok = await get('metric=volume&granularity=week&from=2000-01-01&to=2030-01-01');
    expect(ok.status).toBe(200);
  });

  it('refuses labels outside the label sets', async () => {
    await expect400(`${BASE}&actor=alien`, /actor: unknown value "alien"; expected one of public, us_government/);
    await expect400(`${BASE}&stance=public,oppose_ban`, /stance: unknown value "public"/);
    await expect400(`${BASE}&sentiment=happy`, /sentiment: unknown value/);
  });
});

const HOSTILE = [
  "en'",
  "en' OR 1=1 --",
  "'); DROP TABLE posts_v1; --",
  'en\\',
  "\\'",
  'en\0',
  '\0',
  'x"y',
  'a b',
  'en\nzh',
  '`posts_v1`',
  '中文',
  '%',
  'a'.repeat(65),
  'x'.repeat(5000),
  ',,,',
];

describe('GET /api/trends with hostile strings', () => {
  for (const name of ['lang', 'source', 'topic', 'actor', 'stance', 'metric', 'group_by', 'granularity', 'from', 'to']) {
    it(`answers 400 or a correct empty answer, never 500, for hostile ${name}`, async () => {
      for (const value of HOSTILE) {
        const { status, body } = await get(`${BASE.replace(new RegExp(`(^|&)${name}=[^&]*`), '')}&${name}=${encodeURIComponent(value)}`);
        expect([200, 400], `${name}=${JSON.stringify(value)}: ${JSON.stringify(body)}`).toContain(status);
        if (status === 200) expect(body.series).toEqual([]);
        else expect(typeof body.message).toBe('string');
      }
    });
  }

  it('leaves the tables intact', async () => {
    const rows = await t.clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${t.clickhouse.table(POSTS_TABLE)}`);
    expect(Number(rows[0]!.n)).toBe(corpusRows().length);
  });
});

describe('GET /api/trends when ClickHouse is down', () => {
  it('answers 503 with { error, message }', async () => {
    const down = new ClickHouse({ url: 'http://127.0.0.1:1', username: 'default', password: '', database: 'nowhere' });
    const t2 = await createTestApp({ clickhouse: down });
    try {
      const res = await t2.app.inject({ method: 'GET', url: `/api/trends?${BASE}` });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: 'Service Unavailable', message: expect.stringMatching(/ClickHouse/) });
    } finally {
      await t2.close();
      await down.close();
    }
  });
});
