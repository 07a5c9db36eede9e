import { describe, expect, it } from 'vitest';
import { RecordEnds } from './csv-passthrough.ts';

/** Two records as ClickHouse writes them, each ending with the record mark cell. */
const CLICKHOUSE_CSV = Buffer.from('"a","line\none, ""two""\r\n",1,"\r"\n"b\0c","ends ,""\r""\n inside","\r"\n');
const EXPORT_CSV = Buffer.from('"a","line\none, ""two""\r\n",1\r\n"b\ufffdc","ends ,""\r""\n inside"\r\n');

function run(chunks: Buffer[]): { out: Buffer; rows: number } {
  const ends = new RecordEnds();
  const out = Buffer.concat([...chunks.map((c) => ends.push(c)), ends.end()]);
  return { out, rows: ends.rows };
}

describe('RecordEnds', () => {
  it('turns each record mark into CRLF, NUL into U+FFFD, and counts the records', () => {
    expect(run([CLICKHOUSE_CSV])).toEqual({ out: EXPORT_CSV, rows: 2 });
  });

  it('gives the same bytes however the stream is cut into chunks', () => {
    for (let a = 0; a <= CLICKHOUSE_CSV.length; a++) {
      for (let b = a; b <= CLICKHOUSE_CSV.length; b += 3) {
        const got = run([CLICKHOUSE_CSV.subarray(0, a), CLICKHOUSE_CSV.subarray(a, b), CLICKHOUSE_CSV.subarray(b)]);
        expect(got.out.equals(EXPORT_CSV), `cut at ${a} and ${b}`).toBe(true);
        expect(got.rows).toBe(2);
      }
    }
  });
});
