import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouse, insertSourceRun, POSTS_TABLE, sql } from '@rift/core';
import { corpusRows, rescoreRows } from '@rift/testing/corpus';
import { createTestApp, TEST_PACK, type TestApp } from '@rift/testing/app';
import { postRow } from '@rift/testing/posts';
import { restoreNeutralised } from '../export/format.ts';
import { parseCsv } from '../validation/csv-reader.ts';
import { SOFTWARE_VERSION } from '../export/methodology.ts';

let t: TestApp;

/** Texts and handles a spreadsheet would run, and texts that need quoting. */
const HOSTILE_TEXTS: Record<string, { text: string; author_handle: string }> = {
  f1: { text: '=HYPERLINK("http://evil.test","click")', author_handle: '@evil' },
  f2: { text: '+1 (202) 555-0100, call now', author_handle: '-dash' },
  f3: { text: '\tcmd|calc', author_handle: "'quoted" },
  f4: { text: 'line one\r\nline "two", with commas\nand three', author_handle: '\rreturn' },
};

/** What two of them carry besides their words, as the connectors store it. */
const CARRIED: Record<string, { context_text: string; missing_fields: string[] }> = {
  f1: { context_text: 'Quoting @senator.senate.gov: TikTok will never go dark\n\n[image: RedNote at #1]', missing_fields: [] },
  f2: { context_text: '', missing_fields: ['quote.text', 'engagement.likes'] },
};

const FORMULA_ROWS = Object.entries(HOSTILE_TEXTS).map(([id, extra]) => ({
  ...postRow({ id, created_at: '2024-06-05T10:00:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'negative', sentiment_score: -0.75, topics: ['free_speech'] }),
  ...extra,
  ...CARRIED[id],
}));

beforeAll(async () => {
  t = await createTestApp({ protection: { rateLimitPerMinute: 1_000_000 } });
  await t.clickhouse.insert(POSTS_TABLE, [...corpusRows(), ...FORMULA_ROWS]);
  await t.clickhouse.insert(POSTS_TABLE, rescoreRows());
});

afterAll(async () => {
  await t?.close();
});

const inject = (url: string) => t.app.inject({ method: 'GET', url });

function csvRows(body: string): Array<Record<string, string>> {
  const [header, ...records] = parseCsv(body);
  return records.map((r) => Object.fromEntries(header!.cells.map((name, i) => [name, r.cells[i]!])));
}

describe('GET /api/export', () => {
  it('streams every post of the slice once, at its newest analysis, in the stable order', async () => {
    const res = await inject('/api/export?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="rift-export-start_end.csv"');
    expect(res.headers['x-rift-limits']).toMatch(/^none/);
    const rows = csvRows(res.body);
    expect(rows.map((r) => r.id)).toEqual(['g1', 'p1', 'p2', 'g2', 'p3', 'p4', 'r1', 'f1', 'f2', 'f3', 'f4', 'p5', 'g3']);
    expect(rows.find((r) => r.id === 'r1')).toMatchObject({ stance: 'support_ban', model_version: 'lexicon-2', sentiment_score: '-0.25' });
    expect(rows[0]).toMatchObject({ created_at: '2024-06-03T09:00:00Z', synthetic: 'true', topics: 'national_security', text_truncated: 'false' });
  });

  it('ends CSV records with CRLF, quotes text cells and neutralises formulas', async () => {
    const res = await inject('/api/export?format=csv&columns=id,author_handle,text,sentiment_score&from=2024-06-05&to=2024-06-06');
    expect(res.body.startsWith('"id","author_handle","text","sentiment_score"\r\n')).toBe(true);
    expect(res.body).toContain('"f1","\'@evil","\'=HYPERLINK(""http://evil.test"",""click"")",-0.75\r\n');
    const rows = csvRows(res.body);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      // No text cell a spreadsheet would evaluate; numbers stay numbers.
      expect(row.text).not.toMatch(/^[=+\-@\t\r]/);
      expect(row.author_handle).not.toMatch(/^[=+\-@\t\r]/);
      expect(row.sentiment_score).toBe('-0.75');
      // Taking one apostrophe off gives the exact stored text back.
      expect(restoreNeutralised(row.text!)).toBe(HOSTILE_TEXTS[row.id!]!.text);
      expect(restoreNeutralised(row.author_handle!)).toBe(HOSTILE_TEXTS[row.id!]!.author_handle);
    }
  });

  it('writes JSONL with the chosen columns, in the chosen order, exactly', async () => {
    const res = await inject('/api/export?format=jsonl&columns=topics,id,text,stance_confidence,created_at&actor=public&from=2024-06-05');
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.body.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['f1', 'f2', 'f3', 'f4', 'p5']);
    expect(Object.keys(lines[0]!)).toEqual(['topics', 'id', 'text', 'stance_confidence', 'created_at']);
    expect(lines[0]).toEqual({ topics: ['free_speech'], id: 'f1', text: HOSTILE_TEXTS.f1!.text, stance_confidence: 0.9, created_at: '2024-06-05T10:00:00Z' });
  });

  it('exports the same rows as the drill-down list for the same filters', async () => {
    const filters = 'stance=oppose_ban,support_ban&topic=free_speech,national_security&q=TEST%20POST';
    const exported = csvRows((await inject(`/api/export?columns=source,id&${filters}`)).body).map((r) => r.id);
    const listed = (await inject(`/api/posts?limit=500&${filters}`)).json<{ posts: Array<{ id: string }> }>().posts.map((p) => p.id);
    expect(exported).toEqual(listed);
    expect(exported).toEqual(['g1', 'p1', 'p2', 'p3', 'p4', 'g3']);
  });

  it('carries context_text and missing_fields in CSV and JSONL by default, and documents both', async () => {
    const csv = csvRows((await inject('/api/export?format=csv&from=2024-06-05&to=2024-06-06')).body);
    expect(csv.map((r) => [r.id, r.context_text, r.missing_fields])).toEqual([
      ['f1', CARRIED.f1!.context_text, ''],
      ['f2', '', 'quote.text|engagement.likes'],
      ['f3', '', ''],
      ['f4', '', ''],
    ]);
    const jsonl = (await inject('/api/export?format=jsonl&from=2024-06-05&to=2024-06-06')).body.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(jsonl.map((r) => [r.id, r.context_text, r.missing_fields])).toEqual([
      ['f1', CARRIED.f1!.context_text, []],
      ['f2', '', ['quote.text', 'engagement.likes']],
      ['f3', '', []],
      ['f4', '', []],
    ]);
    const m = (await inject('/api/export/methodology?format=jsonl&from=2024-06-05&to=2024-06-06')).json<{ columns: Array<{ name: string; type: string; description: string; default: boolean }> }>();
    expect(m.columns.find((c) => c.name === 'context_text')).toMatchObject({ type: 'string', default: true, description: expect.stringMatching(/quoted post.*link card.*image descriptions/) });
    expect(m.columns.find((c) => c.name === 'missing_fields')).toMatchObject({ type: 'array of strings', default: true, description: expect.stringMatching(/quote\.text/) });
  });

  it('points to its methodology, whose counts, versions and columns match the export', async () => {
    const query = 'format=csv&columns=id,stance&actor=public&from=2024-06-01&to=2024-06-08';
    const res = await inject(`/api/export?${query}`);
    const rows = csvRows(res.body);
    expect(res.headers['x-rift-methodology']).toBe(`/api/export/methodology?${query}`);
    const m = (await inject(res.headers['x-rift-methodology'] as string)).json();
    expect(m).toMatchObject({
      row_count: rows.length,
      format: 'csv',
      model_versions: ['lexicon-1', 'lexicon-2'],
      topic_pack: { id: TEST_PACK.id, version: TEST_PACK.version },
      software: { name: 'rift', version: SOFTWARE_VERSION },
      filters: { from: '2024-06-01T00:00:00.000Z', to: '2024-06-08T00:00:00.000Z', actor: ['public'], q: null },
      first_created_at: '2024-06-03T10:15:00.000Z',
      last_created_at: '2024-06-05T10:00:00.000Z',
    });
    expect(rows).toHaveLength(9);
    expect(m.columns.map((c: { name: string }) => c.name)).toEqual(['id', 'stance']);
    expect(m.columns[1].description).toMatch(/support_ban/);
    expect(m.definitions.formula_neutralisation).toMatch(/apostrophe/);
    expect(typeof m.query_time_ms).toBe('number');
    expect(Date.parse(m.generated_at)).not.toBeNaN();
  });

  it("lists the gaps of the slice's sources over its window in the methodology, with their definition", async () => {
    const failed = { kind: 'poll' as const, started_at: new Date('2024-06-04T05:10:00Z'), finished_at: new Date('2024-06-04T05:11:00Z'), posts_collected: 0, error: 'HTTP 500' };
    await insertSourceRun(t.clickhouse, { ...failed, id: 'run-demo', source: 'demo' });
    await insertSourceRun(t.clickhouse, { ...failed, id: 'run-file', source: 'file', error: 'unreadable' });
    // After the window: not listed.
    await insertSourceRun(t.clickhouse, { ...failed, id: 'run-late', source: 'demo', started_at: new Date('2024-06-09T01:00:00Z') });
    const failing = (source: string, error: string) => ({
      source, from: '2024-06-04T05:00:00.000Z', to: '2024-06-04T06:00:00.000Z', reason: 'failing', failed_runs: 1, last_error: error, expected_posts: null,
    });
    const all = (await inject('/api/export/methodology?from=2024-06-01&to=2024-06-08T12:30:00Z')).json();
    // The hours of the slice's own posts (first 2024-06-03 09:00, last 2024-06-05 10:xx), not the filters'.
    expect(all.gaps_window).toEqual({ from: '2024-06-03T09:00:00.000Z', to: '2024-06-05T11:00:00.000Z' });
    // The corpus posts a few times a day: its quiet days are its pace, not gaps.
    expect(all.gaps).toEqual([failing('demo', 'HTTP 500'), failing('file', 'unreadable')]);
    expect(all.definitions.gaps).toMatch(/no_posts/);
    const file = (await inject('/api/export/methodology?format=jsonl&source=file&from=2024-06-01&to=2024-06-08')).json();
    // One post, at 23:59:59: its hour is the window, and the file source's failure at 05:00 the next day is outside it.
    expect(file.gaps_window).toEqual({ from: '2024-06-03T23:00:00.000Z', to: '2024-06-04T00:00:00.000Z' });
    expect(file.gaps).toEqual([]);
    const wide = (await inject('/api/export/methodology?source=file&from=2018-01-01&to=2026-12-01&min_confidence=0')).json();
    expect(wide.gaps_window).toEqual(file.gaps_window);
    const empty = (await inject('/api/export/methodology?from=2030-01-01')).json();
    expect(empty).toMatchObject({ row_count: 0, synthetic_rows: 0, gaps_window: null, gaps: [] });
  });

  it('counts the synthetic rows of the slice and names the accuracy of each labelling model', async () => {
    for (const query of ['', 'actor=public', 'source=file', 'from=2024-06-05']) {
      const exported = csvRows((await inject(`/api/export?columns=id,synthetic&${query}`)).body);
      const m = (await inject(`/api/export/methodology?${query}`)).json();
      expect(m.row_count, query).toBe(exported.length);
      expect(m.synthetic_rows, query).toBe(exported.filter((r) => r.synthetic === 'true').length);
    }
    expect((await inject('/api/export/methodology?source=file')).json().synthetic_rows).toBe(0);
    const { model_accuracy: accuracy } = (await inject('/api/export/methodology')).json();
    expect(Object.keys(accuracy)).toEqual(['sentiment', 'stance', 'actor']);
    for (const entry of Object.values(accuracy) as unknown[]) {
      if (entry !== 'not measured') expect(entry).toMatchObject({ model_version: expect.any(String), file: expect.stringMatching(/^analyze\/models\//), scored_slice: false });
    }
  });

  it('serves the data dictionary: every column with its type and meaning', async () => {
    const res = await inject('/api/export/dictionary');
    const { columns } = res.json<{ columns: Array<{ name: string; type: string; description: string; default: boolean }> }>();
    expect(columns.length).toBeGreaterThan(20);
    for (const c of columns) expect(c.description.length, c.name).toBeGreaterThan(10);
    expect(columns.find((c) => c.name === 'raw')).toMatchObject({ default: false });
    expect(columns.find((c) => c.name === 'created_at')!.type).toMatch(/ISO 8601/);
  });

  it('answers an empty slice with just the CSV header, and an empty JSONL file', async () => {
    const csv = await inject('/api/export?columns=id,text&from=2030-01-01');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toBe('"id","text"\r\n');
    const jsonl = await inject('/api/export?format=jsonl&from=2030-01-01');
    expect(jsonl.body).toBe('');
  });

  const HOSTILE = ["'", "' OR 1=1 --", "'); DROP TABLE posts_v1; --", '\\', "\\'", '\0', 'a,b', '`x`', '%', 'x'.repeat(5000), '\u202e'];
  it('answers hostile values with a 400 or a correct empty export, never a 500', async () => {
    for (const value of HOSTILE) {
      for (const name of ['format', 'columns', 'q', 'lang', 'source', 'topic', 'stance', 'from', 'min_confidence']) {
        for (const route of ['/api/export', '/api/export/methodology']) {
          const res = await inject(`${route}?columns=id&${name}=${encodeURIComponent(value)}`.replace(/columns=id&columns=/, 'columns='));
          const what = `${route} ${name}=${JSON.stringify(value)}: ${res.body.slice(0, 200)}`;
          expect([200, 400], what).toContain(res.statusCode);
          if (res.statusCode === 400) expect(res.json().message, what).toEqual(expect.any(String));
          else if (route === '/api/export') expect(res.body, what).toBe('"id"\r\n');
          else expect(res.json().row_count, what).toBe(0);
        }
      }
    }
    const rows = await t.clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${t.clickhouse.table(POSTS_TABLE)}`);
    expect(Number(rows[0]!.n)).toBe(15);
  });

  it('refuses unknown formats, columns and parameters', async () => {
    expect((await inject('/api/export?format=xlsx')).json().message).toMatch(/format must be one of: csv, jsonl/);
    expect((await inject('/api/export?columns=id,secret')).json().message).toMatch(/unknown column "secret"/);
    expect((await inject('/api/export?limit=10')).json().message).toMatch(/unknown parameter "limit"/);
  });

  it('answers 503, not a truncated 200, when ClickHouse is down', async () => {
    const down = new ClickHouse({ url: 'http://127.0.0.1:1', username: 'default', password: '', database: 'nowhere' });
    const t2 = await createTestApp({ clickhouse: down });
    try {
      const res = await t2.app.inject({ method: 'GET', url: '/api/export?format=csv' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: 'Service Unavailable', message: expect.stringMatching(/ClickHouse/) });
    } finally {
      await t2.close();
      await down.close();
    }
  });
});
