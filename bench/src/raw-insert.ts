/**
 * The limit the end-to-end figure is judged against: ClickHouse alone storing the very rows the
 * pipeline stored (full posts_v1 rows, raw payloads, every materialized view), sent over HTTP as
 * JSONEachRow in large INSERTs, with no Node work per row.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { POSTS_TABLE, sql } from '@rift/core';
import type { BenchContext } from './context.ts';
import { processCpuSeconds } from './figures.ts';

const ROWS_PER_INSERT = 20_000;

export interface RawInsert {
  rowsPerSecond: number;
  /** ClickHouse server CPU per row, in microseconds. */
  clickhouseCpuMicros: number | undefined;
}

/** Dumps posts_v1 to a file, empties the database, and times inserting the file back. */
export async function measureRawInsert(ctx: BenchContext): Promise<RawInsert> {
  const { services } = ctx;
  const table = services.clickhouse.table(POSTS_TABLE);
  const file = path.join(services.dir, 'posts-v1-dump.jsonl');
  const out = createWriteStream(file);
  for await (const chunk of services.clickhouse.streamBytes(sql`SELECT * FROM ${table} WHERE sign = 1`, 'JSONEachRow')) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await services.resetDatabase();

  const url = `${services.clickhouseUrl}/?query=${encodeURIComponent(`INSERT INTO ${table.text} FORMAT JSONEachRow`)}`;
  const send = async (lines: string[]) => {
    const response = await fetch(url, { method: 'POST', body: `${lines.join('\n')}\n` });
    if (!response.ok) throw new Error(`raw insert refused: ${response.status} ${(await response.text()).slice(0, 300)}`);
  };
  const pid = services.pids.clickhouse;
  const cpuBefore = pid ? await processCpuSeconds(pid) : undefined;
  const started = performance.now();
  let rows = 0;
  let lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    lines.push(line);
    if (lines.length >= ROWS_PER_INSERT) {
      rows += lines.length;
      await send(lines);
      lines = [];
    }
  }
  if (lines.length) {
    rows += lines.length;
    await send(lines);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = pid ? await processCpuSeconds(pid) : undefined;
  const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  return { rowsPerSecond: rows / seconds, clickhouseCpuMicros: cpu === undefined || rows === 0 ? undefined : (cpu / rows) * 1e6 };
}
