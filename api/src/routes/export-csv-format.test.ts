import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseColumns } from '../export/dictionary.ts';
import { restoreNeutralised, serializer } from '../export/format.ts';
import { parseExportRequest } from '../export/request.ts';
import { exportSql } from '../export/stream.ts';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { FORMULA_CELLS } from '@rift/testing/formula-cells';
import { postRow } from '@rift/testing/posts';
import { parseCsv } from '../validation/csv-reader.ts';
import { POSTS_TABLE } from '@rift/core';

let t: TestApp;
let baseUrl: string;

/** Texts that test the CSV syntax itself, beside the formula starts. */
const SYNTAX_CELLS: Record<string, string> = {
  quotes: 'say "no", then "leave"',
  ends_with_quote: 'ends with a quote"',
  only_quote: '"',
  line_breaks: 'line one\r\nline two\nline three',
  record_mark: 'a cell that holds the record mark ,"\r"\n and goes on',
  only_cr: '\r',
  nul: 'before\0after',
  chinese: '抖音禁令 和 小红书',
  commas: 'a,b,,c',
};

const CELLS = { ...FORMULA_CELLS, ...SYNTAX_CELLS };
const IDS = Object.keys(CELLS);

beforeAll(async () => {
  t = await createTestApp({ protection: { rateLimitPerMinute: 1_000_000 } });
  const rows = IDS.map((id, i) => ({
    ...postRow({ id, created_at: `2024-06-05T10:${String(i).padStart(2, '0')}:00Z`, actor: 'public', stance: 'oppose_ban', sentiment: 'negative', sentiment_score: -0.5 }),
    text: CELLS[id],
    author_handle: CELLS[id],
    author_name: CELLS[id],
    url: CELLS[id],
    matched_terms: [CELLS[id]!, 'tiktok'],
    context_text: CELLS[id],
    missing_fields: [CELLS[id]!],
    text_truncated: i % 2,
  }));
  await t.clickhouse.insert(POSTS_TABLE, rows);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await t?.close();
});

/** Over a real socket, as a browser or curl gets it. */
async function download(query: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(`${baseUrl}/api/export?${query}`);
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The same slice written row by row in Node from JSONEachRow: the reference writer. */
async function nodeCsv(query: Record<string, string>): Promise<Buffer> {
  const request = parseExportRequest(query);
  const { header, record } = serializer('csv', request.columns, { safe: request.csv.safe });
  let out = header;
  for await (const row of t.clickhouse.stream<Record<string, unknown>>(exportSql(t.clickhouse, request))) out += record(row);
  return Buffer.from(out);
}

function records(bytes: Buffer): string[][] {
  return parseCsv(bytes.toString('utf8')).map((r) => r.cells);
}

describe('CSV written by ClickHouse', () => {
  it('equals the documented format byte for byte, every column, safe and exact', async () => {
    for (const csvSafe of ['true', 'false']) {
      const got = await download(`csv_safe=${csvSafe}&columns=${parseColumns(undefined).map((c) => c.name).join(',')}`);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(await nodeCsv({ csv_safe: csvSafe })), `csv_safe=${csvSafe}`).toBe(true);
    }
  });

  it('writes the exact bytes documented for quotes, times, booleans, lists, NUL and CRLF', async () => {
    const { bytes } = await download('columns=id,text,created_at,text_truncated,matched_terms,likes&from=2024-06-05T10:00:00Z&to=2024-06-05T10:02:00Z');
    expect(bytes.toString('utf8')).toBe(
      '"id","text","created_at","text_truncated","matched_terms","likes"\r\n' +
        `"equals","'=SUM(A1:A2)","2024-06-05T10:00:00Z","false","'=SUM(A1:A2)|tiktok",0\r\n` +
        `"plus","'+1 (202) 555-0100","2024-06-05T10:01:00Z","true","'+1 (202) 555-0100|tiktok",0\r\n`,
    );
    const nul = await download('columns=text,author_name&q=before');
    expect(nul.bytes.includes(0)).toBe(false);
    expect(nul.bytes.toString('utf8')).toBe('"text","author_name"\r\n"before\ufffdafter","before\ufffdafter"\r\n');
  });

  it('neutralises every formula start in every text column by default, reversibly', async () => {
    const { bytes } = await download('columns=id,text,author_handle,author_name,url,matched_terms');
    const [header, ...rows] = records(bytes);
    expect(header).toEqual(['id', 'text', 'author_handle', 'author_name', 'url', 'matched_terms']);
    expect(rows).toHaveLength(IDS.length);
    for (const [id, ...cells] of rows) {
      const value = CELLS[id!]!.replaceAll('\0', '\ufffd');
      const list = `${value}|tiktok`;
      expect(cells.map(restoreNeutralised), id).toEqual([value, value, value, value, list]);
      if (id! in FORMULA_CELLS) for (const cell of cells) expect(cell.startsWith("'"), `${id}: ${JSON.stringify(cell)}`).toBe(true);
    }
  });

  it('writes every text exactly with csv_safe=false', async () => {
    const { bytes } = await download('csv_safe=false&columns=id,text,author_handle');
    const [, ...rows] = records(bytes);
    expect(rows).toHaveLength(IDS.length);
    for (const [id, text, handle] of rows) {
      const value = CELLS[id!]!.replaceAll('\0', '\ufffd');
      expect([text, handle], id).toEqual([value, value]);
    }
  });

  it('puts a UTF-8 byte-order mark before the header only when bom=true', async () => {
    const plain = await download('columns=id,text&q=%E6%8A%96%E9%9F%B3');
    expect(plain.bytes.subarray(0, 4).toString('utf8')).toBe('"id"');
    const bom = await download('bom=true&columns=id,text&q=%E6%8A%96%E9%9F%B3');
    expect(bom.type).toMatch(/^text\/csv; charset=utf-8/);
    expect([...bom.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.bytes.subarray(3).equals(plain.bytes)).toBe(true);
    expect(bom.bytes.toString('utf8')).toBe('\ufeff"id","text"\r\n"chinese","抖音禁令 和 小红书"\r\n');
  });

  it('refuses bad flags and CSV-only flags on JSON Lines, with a reason', async () => {
    for (const query of ['csv_safe=no', 'bom=1', 'format=jsonl&bom=true', 'format=jsonl&csv_safe=false']) {
      const res = await fetch(`${baseUrl}/api/export?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { message: string }).message, query).toMatch(/csv_safe|bom/);
    }
    const jsonl = await download('format=jsonl&columns=id,text&q=before');
    expect(jsonl.bytes.includes(0)).toBe(false);
    expect(JSON.parse(jsonl.bytes.toString('utf8'))).toEqual({ id: 'nul', text: 'before\ufffdafter' });
  });

  it('documents csv_safe and bom in the OpenAPI document and the methodology', async () => {
    const doc = (await (await fetch(`${baseUrl}/api/docs/json`)).json()) as {
      paths: Record<string, { get: { parameters: Array<{ name: string; description?: string; schema: { default?: string } }> } }>;
    };
    for (const path of ['/api/export', '/api/export/methodology']) {
      const params = doc.paths[path]!.get.parameters;
      expect(params.find((p) => p.name === 'csv_safe'), path).toMatchObject({ schema: { default: 'true' } });
      expect(params.find((p) => p.name === 'bom'), path).toMatchObject({ schema: { default: 'false' } });
    }
    const m = (await (await fetch(`${baseUrl}/api/export/methodology?csv_safe=false&bom=true`)).json()) as Record<string, any>;
    expect(m.csv).toEqual({ csv_safe: false, bom: true });
    expect(m.definitions.formula_neutralisation).toMatch(/csv_safe=false/);
    expect(m.definitions.nul).toMatch(/U\+FFFD/);
    const dictionary = (await (await fetch(`${baseUrl}/api/export/dictionary`)).json()) as Record<string, any>;
    expect(dictionary.definitions.formula_neutralisation).toMatch(/fullwidth/);
  });
});
