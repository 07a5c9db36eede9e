import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusRows, rescoreRows } from '@rift/testing/corpus';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { ApiKeyStore } from '../auth/key-store.ts';
import type { ValidationRun } from '../validation/compare.ts';
import { SOFTWARE_VERSION } from '../export/methodology.ts';
import { POSTS_TABLE } from '@rift/core';

let t: TestApp;
let analystKey: string;
let viewerKey: string;

beforeAll(async () => {
  t = await createTestApp({ protection: { rateLimitPerMinute: 1_000_000 } });
  analystKey = (await new ApiKeyStore(t.clickhouse).create('analyst', 'coder')).key;
  viewerKey = (await new ApiKeyStore(t.clickhouse).create('viewer', 'reader')).key;
  await t.clickhouse.insert(POSTS_TABLE, corpusRows());
  await t.clickhouse.insert(POSTS_TABLE, rescoreRows());
});

afterAll(async () => {
  await t?.close();
});

/**
 * Human codes against the stored labels (see testing/corpus.ts). r1 was oppose_ban in its
 * first analysis and is support_ban now: the human's oppose_ban must count as a disagreement.
 * p5 has no stance code; "gone" is not stored.
 */
const CODED = [
  'source,id,text,code_stance,code_sentiment,coder',
  'demo,g1,"a text, with ""quotes""",support_ban,negative,ann',
  'demo,p1,,oppose_ban,negative,ann',
  'demo,p2,,neutral,,ann',
  'demo,g2,,neutral,,ann',
  'file,p3,,support_ban,,ann',
  'demo,p4,,Oppose_Ban ,,ann',
  'demo,r1,,oppose_ban,,ann',
  'demo,p5,,,,ann',
  'demo,g3,,support_ban,,ann',
  'demo,gone,,support_ban,,ann',
].join('\r\n');

async function post(body: string, contentType = 'text/csv', query = '', key = analystKey) {
  return t.app.inject({ method: 'POST', url: `/api/validations${query}`, payload: body, headers: { 'content-type': contentType, authorization: `Bearer ${key}` } });
}

describe('POST /api/validations', () => {
  it('computes exact agreement per task against the newest labels, and keeps the run', async () => {
    const res = await post(CODED, 'text/csv', '?name=coded.csv');
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json<ValidationRun>();
    expect(run).toMatchObject({ input_name: 'coded.csv', coded_rows: 10, matched_rows: 9, topic_pack: 'test-pack@1.2.3', software_version: SOFTWARE_VERSION });
    expect(run.not_found).toEqual([{ line: 11, source: 'demo', id: 'gone' }]);
    expect(run.model_versions).toEqual(['lexicon-1', 'lexicon-2']);
    expect(run.tasks.map((x) => x.task)).toEqual(['stance', 'sentiment']);

    const stance = run.tasks[0]!;
    expect(stance).toMatchObject({ n: 8, uncoded: 1, labels: ['support_ban', 'oppose_ban', 'neutral'] });
    expect(stance.confusion).toEqual([[3, 0, 0], [1, 2, 0], [0, 1, 1]]);
    // po = 6/8, pe = (3*4 + 3*3 + 2*1) / 64 = 23/64, kappa = (48 - 23) / (64 - 23) = 25/41.
    expect(stance.kappa).toBeCloseTo(25 / 41, 12);
    expect(stance.accuracy).toBe(0.75);
    expect(stance.per_label.map((s) => [s.precision, s.recall, s.support])).toEqual([[3 / 4, 1, 3], [2 / 3, 2 / 3, 3], [1, 1 / 2, 2]]);

    const sentiment = run.tasks[1]!;
    expect(sentiment).toMatchObject({ n: 2, uncoded: 7, confusion: [[1, 0, 1], [0, 0, 0], [0, 0, 0]], kappa: 0, accuracy: 0.5 });

    const list = (await t.app.inject({ method: 'GET', url: '/api/validations' })).json<{ runs: ValidationRun[] }>();
    expect(list.runs[0]).toEqual(run);
  });

  it('lists runs newest first, each kept', async () => {
    await post(CODED, 'text/plain', '?name=second.csv');
    const { runs } = (await t.app.inject({ method: 'GET', url: '/api/validations?limit=10' })).json<{ runs: ValidationRun[] }>();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    expect(runs.map((r) => r.input_name)).toContain('second.csv');
  });

  it('refuses a sheet it cannot read with a 400 that names the line', async () => {
    const cases: Array<[string, RegExp]> = [
      ['source,id,code_stance\r\ndemo,g1,maybe\r\n', /line 2: code_stance "maybe" is not one of support_ban, oppose_ban, neutral/],
      ['source,id,code_stance\r\ndemo,g1,neutral\r\ndemo,g1,neutral\r\n', /line 3: demo\/g1 appears twice/],
      ['id,code_stance\r\ng1,neutral\r\n', /needs the columns "source" and "id"/],
      ['source,id,text\r\ndemo,g1,x\r\n', /at least one of the columns code_stance/],
      ['source,id,code_stance\r\ndemo,"g1,neutral\r\n', /never closed/],
      ['source,id,code_stance,code_actor\r\ndemo,g1,,\r\n', /has no codes/],
      ['   ', /text\/csv body/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.statusCode, body).toBe(400);
      expect(res.json().message, body).toMatch(message);
    }
    const xml = await post('<x/>', 'application/xml');
    expect(xml.statusCode).toBe(415);
  });

  it('needs a key with the analyst role', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/validations', payload: CODED, headers: { 'content-type': 'text/csv' } });
    expect(anonymous.statusCode).toBe(401);
    expect((await post(CODED, 'text/csv', '', viewerKey)).statusCode).toBe(403);
  });

  it('takes hostile ids as plain values', async () => {
    const res = await post("source,id,code_stance\r\ndemo,\"' OR 1=1 --\",neutral\r\n\"demo'\",\"\\\\\",neutral\r\n");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<ValidationRun>()).toMatchObject({ coded_rows: 2, matched_rows: 0 });
  });
});
