/**
 * Export: CSV rows/s of a slice streamed through GET /api/export over a real socket (the body
 * read as a stream, records counted), and the server's peak heap and RSS while it streams.
 * Peers: ClickHouse's own CSV of the same query, read as bytes over HTTP (the ceiling), and the
 * row-by-row path the export used before (JSONEachRow rows re-serialised in Node), whose bytes
 * must equal the endpoint's exactly: the check that the ClickHouse-written CSV stays correct.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportSql, parseExportRequest, serializer } from '@rift/api';
import { POSTS_TABLE, sql } from '@rift/core';
import { buildBenchApp } from './app.ts';
import type { BenchContext } from './context.ts';
import { MB, median, type Figure } from './figures.ts';
import { ensureLoadedPosts, loadSize } from './load-posts.ts';

const ROWS_TARGET = 300_000;
/** Within 10% of ClickHouse's own CSV writer on the same slice (issue 18). */
const RATIO_TARGET = 0.9;
/** 73 of the 730 days: a tenth of the loaded posts (1,000,000 of 10,000,000). */
const SLICE = { from: '2024-01-01', to: '2024-03-14' };

interface Streamed {
  lines: number;
  seconds: number;
  sha256: string;
}

/** Counts the lines of a streamed body and hashes it; resolves with lines and seconds. */
function countLines(body: NodeJS.ReadableStream, started: number): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    let lines = 0;
    const hash = createHash('sha256');
    body.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    body.on('end', () => resolve({ lines, seconds: (performance.now() - started) / 1000, sha256: hash.digest('hex') }));
    body.on('error', reject);
  });
}

function getStream(url: string): Promise<Streamed> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
      else countLines(res, started).then(resolve, reject);
    }).on('error', reject);
  });
}

function clickhouseCsv(chUrl: string, database: string, query: string): Promise<Streamed> {
  const started = performance.now();
  const url = new URL(chUrl);
  url.searchParams.set('database', database);
  url.searchParams.set('max_bytes_before_external_sort', String(512 * MB));
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST' }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`ClickHouse answered ${res.statusCode}`));
      else countLines(res, started).then(resolve, reject);
    });
    req.on('error', reject);
    req.end(`${query} FORMAT CSVWithNames`);
  });
}

/** The export as it was written before: rows parsed from JSONEachRow, CSV written in Node. */
async function rowByRow(ctx: BenchContext, request: ReturnType<typeof parseExportRequest>): Promise<Streamed> {
  const started = performance.now();
  const { header, record } = serializer('csv', request.columns);
  const hash = createHash('sha256').update(header);
  let lines = 1;
  let chunk = '';
  for await (const row of ctx.services.clickhouse.stream<Record<string, unknown>>(exportSql(ctx.services.clickhouse, request), { max_bytes_before_external_sort: 512 * MB })) {
    chunk += record(row);
    lines++;
    if (chunk.length >= 65_536) {
      hash.update(chunk);
      chunk = '';
    }
  }
  hash.update(chunk);
  return { lines, seconds: (performance.now() - started) / 1000, sha256: hash.digest('hex') };
}

export async function benchExport(ctx: BenchContext): Promise<Figure[]> {
  await ensureLoadedPosts(ctx, loadSize(ctx.quick));
  const { services } = ctx;
  const request = parseExportRequest(SLICE);
  const [count] = await services.clickhouse.query<{ n: string }>(
    sql`SELECT count() AS n FROM ${services.clickhouse.table(POSTS_TABLE)} FINAL WHERE sign = 1 AND created_at >= ${request.query.from!} AND created_at < ${request.query.to!}`,
  );
  const expected = Number(count?.n);
  const { app, close } = await buildBenchApp(services);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/export?from=${SLICE.from}&to=${SLICE.to}`;
  const runs = ctx.quick ? 2 : 3;
  const rates: number[] = [];
  const peerRates: number[] = [];
  const oldRates: number[] = [];
  global.gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  let measuring = false;
  const timer = setInterval(() => {
    if (!measuring) return;
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 50);
  try {
    ctx.log(`export: ${expected.toLocaleString('en-US')} rows, ${runs} runs`);
    for (let r = 0; r < runs; r++) {
      measuring = true;
      const got = await getStream(url);
      measuring = false;
      if (got.lines - 1 !== expected) throw new Error(`export: streamed ${got.lines - 1} records, expected ${expected}`);
      rates.push(expected / got.seconds);
      const old = await rowByRow(ctx, request);
      if (old.sha256 !== got.sha256) throw new Error(`export: the endpoint's CSV differs from the row-by-row CSV of the same slice (${got.sha256} != ${old.sha256})`);
      oldRates.push((old.lines - 1) / old.seconds);
      const peer = await clickhouseCsv(services.clickhouseUrl, services.database, exportSql(services.clickhouse, request).text);
      peerRates.push((peer.lines - 1) / peer.seconds);
    }
  } finally {
    clearInterval(timer);
    await close();
  }
  const rate = median(rates);
  return [
    {
      name: 'export.csv_rows_per_s',
      value: rate,
      unit: 'rows/s',
      peer: 'ClickHouse CSVWithNames of the same query, raw bytes',
      peer_value: median(peerRates),
      target: { op: '>=', value: ROWS_TARGET },
      runs: `median of ${runs} exports of ${expected.toLocaleString('en-US')} rows`,
      note:
        rate >= ROWS_TARGET
          ? undefined
          : `ClickHouse ${services.clickhouseVersion}'s own CSV writer writes the export too, with cheap expressions after the sort (formula neutralisation on a number read from each text's first bytes, ISO times, true/false, joined lists), and Node turns one marker cell per record into CRLF; the rest is the machine the peer shares`,
    },
    {
      name: 'export.csv_rows_per_s.ratio_to_clickhouse_csv',
      value: rate / median(peerRates),
      unit: 'x',
      peer: 'ClickHouse CSVWithNames of the same query = 1',
      peer_value: 1,
      target: { op: '>=', value: RATIO_TARGET },
      runs: `medians of ${runs} runs each, interleaved`,
    },
    {
      name: 'export.csv_rows_per_s.vs_row_by_row',
      value: rate,
      unit: 'rows/s',
      peer: 'row-by-row path (JSONEachRow parsed, CSV written in Node), identical bytes',
      peer_value: median(oldRates),
      runs: `median of ${runs}; SHA-256 of both outputs compared on every run`,
    },
    { name: 'export.server_peak_heap', value: peakHeap / MB, unit: 'MiB', peer: 'heap before the exports', peer_value: before.heapUsed / MB, runs: 'sampled every 50 ms while the endpoint streams (its client shares the process)' },
    { name: 'export.server_peak_rss', value: peakRss / MB, unit: 'MiB', peer: 'RSS before the exports', peer_value: before.rss / MB, runs: 'sampled every 50 ms while the endpoint streams (its client shares the process)' },
  ];
}
