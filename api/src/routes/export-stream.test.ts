import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTS_TABLE, sql } from '@rift/core';
import { createTestApp, type TestApp } from '@rift/testing/app';

/** Enough rows that a buffered export would show in the heap (about 100 MB of CSV). */
const ROWS = 300_000;

let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp({ protection: { rateLimitPerMinute: 1_000_000 } });
  // Generated inside ClickHouse: inserting 300,000 rows from Node would measure the test, not the export.
  await t.clickhouse.command(sql`
    INSERT INTO ${t.clickhouse.table(POSTS_TABLE)}
    SELECT 'bulk' AS source, toString(number) AS id, concat('https://example.test/', toString(number)) AS url,
           concat('user', toString(number % 5000)) AS author_handle, 'A Name' AS author_name, '' AS author_description,
           '' AS author_verified_domain, toDateTime(1717200000 + number * 7) AS created_at,
           concat('Post ', toString(number), ': "TikTok", the ban, and what comes next; =SUM(A1) ', substring(${'x'.repeat(200)}, 1, number % 200)) AS text,
           0 AS text_truncated, '' AS context_text, if(number % 4 = 0, 'zh', 'en') AS lang, toUInt32(number % 100) AS likes, 0 AS reposts, 0 AS replies,
           ['tiktok'] AS matched_terms, 1 AS synthetic, emptyArrayString() AS missing_fields, '{}' AS raw,
           if(number % 3 = 0, 'negative', 'positive') AS sentiment, -0.5 AS sentiment_score, 0.8 AS sentiment_confidence,
           if(number % 2 = 0, 'oppose_ban', 'support_ban') AS stance, 0.75 AS stance_confidence,
           if(number % 5 = 0, ['free_speech', 'economy_creators'], emptyArrayString()) AS topics,
           if(number % 10 = 0, 'us_government', 'public') AS actor, 0.9 AS actor_confidence, 'bulk-1' AS model_version,
           concat('fp', toString(number)) AS fingerprint, concat(source, ':', id) AS copy_cluster, '' AS copy_hash, toDateTime(1720000000) AS ingested_at, 1 AS version, 1 AS sign, 1 AS on_topic
    FROM system.numbers LIMIT ${ROWS}`);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 300_000);

afterAll(async () => {
  await t?.close();
});

interface Measured {
  status: number;
  bytes: number;
  lines: number;
  seconds: number;
  heapGrowthMb: number;
}

/** Downloads over real HTTP, counting lines and sampling the heap of this process (server and client). */
async function download(path: string, { slowReader = false } = {}): Promise<Measured> {
  globalThis.gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  try {
    return await new Promise<Measured>((resolve, reject) => {
      http.get(`${baseUrl}${path}`, (res) => {
        let bytes = 0;
        let lines = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
          // A reader slower than the server: the server must wait, not buffer.
          if (slowReader && bytes < 20_000_000) {
            res.pause();
            setTimeout(() => res.resume(), 2);
          }
        });
        res.on('end', () =>
          resolve({ status: res.statusCode!, bytes, lines, seconds: (performance.now() - started) / 1000, heapGrowthMb: (peak - baseline) / 2 ** 20 }),
        );
        res.on('error', reject);
      }).on('error', reject);
    });
  } finally {
    clearInterval(sampler);
  }
}

describe('GET /api/export at scale', () => {
  it(`streams ${ROWS.toLocaleString('en')} rows as JSONL in flat memory`, async () => {
    const m = await download('/api/export?format=jsonl&columns=source,id,created_at,stance,sentiment_score,topics,text');
    console.log(`export jsonl: ${m.lines} rows, ${(m.bytes / 2 ** 20).toFixed(0)} MiB in ${m.seconds.toFixed(2)} s = ${Math.round(m.lines / m.seconds)} rows/s; heap growth ${m.heapGrowthMb.toFixed(1)} MiB`);
    expect(m.status).toBe(200);
    expect(m.lines).toBe(ROWS);
    expect(m.heapGrowthMb).toBeLessThan(64);
  });

  it(`streams ${ROWS.toLocaleString('en')} rows as CSV, all default columns, in flat memory`, async () => {
    const m = await download('/api/export?format=csv');
    console.log(`export csv (all default columns): ${ROWS} rows, ${(m.bytes / 2 ** 20).toFixed(0)} MiB in ${m.seconds.toFixed(2)} s = ${Math.round(ROWS / m.seconds)} rows/s; heap growth ${m.heapGrowthMb.toFixed(1)} MiB`);
    expect(m.lines).toBe(ROWS + 1);
    expect(m.heapGrowthMb).toBeLessThan(64);
  });

  it('waits for a slow reader instead of buffering', async () => {
    const m = await download('/api/export?format=csv', { slowReader: true });
    console.log(`export csv (slow reader for the first 20 MB): ${ROWS} rows, ${(m.bytes / 2 ** 20).toFixed(0)} MiB in ${m.seconds.toFixed(2)} s = ${Math.round(ROWS / m.seconds)} rows/s; heap growth ${m.heapGrowthMb.toFixed(1)} MiB`);
    expect(m.status).toBe(200);
    // Header + one line per row: no text in this data holds a line break.
    expect(m.lines).toBe(ROWS + 1);
    expect(m.heapGrowthMb).toBeLessThan(64);
    expect(m.bytes / 2 ** 20).toBeGreaterThan(100);
  });

  it('stops the ClickHouse query when the client goes away', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = http.get(`${baseUrl}/api/export?format=csv`, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > 1_000_000) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    });
    const running = async () =>
      (await t.clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM system.processes WHERE query LIKE ${`%${t.clickhouse.database}.%posts_v1%`} AND query NOT LIKE '%system.processes%'`))[0]!.n;
    const deadline = Date.now() + 10_000;
    while (Number(await running()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(Number(await running())).toBe(0);
  });

  it('counts the same slice in its methodology', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/export/methodology?actor=us_government' });
    expect(res.json()).toMatchObject({ row_count: ROWS / 10, model_versions: ['bulk-1'] });
  });
});
