import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouse } from './clickhouse.ts';
import { sql, type SqlValue } from './sql.ts';
import { testClickHouseUrl } from '@rift/testing/clickhouse';

// Property tests against the real server: whatever a value is, ClickHouse reads back exactly it.
describe('SQL literals round-trip through a real ClickHouse', () => {
  let clickhouse: ClickHouse;
  beforeAll(() => {
    clickhouse = new ClickHouse({ url: testClickHouseUrl(), username: 'default', password: '', database: 'default' });
  });
  afterAll(() => clickhouse.close());

  const echo = async (value: SqlValue) => (await clickhouse.query<{ v: unknown }>(sql`SELECT ${value} AS v`))[0]!.v;

  it('any string, including quotes, backslashes, NUL, control and astral characters', async () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom("'", '\\', '"', '`', '\0', '\n', '\r', '\t', ';', '-', '/', '*', '{', '}', '?', 'x'), maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => s.isWellFormed()),
    );
    await fc.assert(fc.asyncProperty(hostile, async (s) => {
      expect(await echo(s)).toBe(s);
    }), { numRuns: 300 });
  });

  it('arrays of strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }), async (a) => {
        expect(await echo(a)).toEqual(a);
      }),
      { numRuns: 50 },
    );
  });

  it('integers and finite floats', async () => {
    await fc.assert(fc.asyncProperty(fc.integer(), async (n) => {
      expect(Number(await echo(n))).toBe(n);
    }), { numRuns: 100 });
    await fc.assert(
      fc.asyncProperty(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || Math.abs(x) >= 2.2250738585072014e-308), async (x) => {
        expect(Number(await echo(x))).toBe(Object.is(x, -0) ? 0 : x);
      }),
      { numRuns: 100 },
    );
  });

  it('dates', async () => {
    const date = new Date('2025-01-19T04:30:05Z');
    const rows = await clickhouse.query<{ v: string }>(sql`SELECT toString(${date}, 'UTC') AS v`);
    expect(rows[0]!.v).toBe('2025-01-19 04:30:05');
  });
});
