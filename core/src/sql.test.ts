import { describe, expect, it } from 'vitest';
import { identifier, joinSql, literal, sql, SqlValueError } from './sql.ts';
import { POSTS_TABLE } from './tables/names.ts';

describe('literal', () => {
  it('quotes strings and escapes backslash and quote', () => {
    expect(literal("it's")).toBe("'it\\'s'");
    expect(literal('a\\b')).toBe("'a\\\\b'");
    expect(literal("\\'")).toBe("'\\\\\\''");
  });

  it('turns control characters into \\x escapes so the query text has none', () => {
    expect(literal('a\u0000b\nc\rd\te\u007f')).toBe("'a\\x00b\\x0ac\\x0dd\\x09e\\x7f'");
  });

  it('keeps non-ASCII text as it is', () => {
    expect(literal('小红书 🎉 ｔｉｋｔｏｋ')).toBe("'小红书 🎉 ｔｉｋｔｏｋ'");
  });

  it('renders numbers, bigints, booleans, null and arrays', () => {
    expect(literal(42)).toBe('42');
    expect(literal(-0.5)).toBe('-0.5');
    expect(literal(-0)).toBe('0');
    expect(literal(12345678901234567890n)).toBe('12345678901234567890');
    expect(literal(true)).toBe('1');
    expect(literal(null)).toBe('NULL');
    expect(literal(['a', 1, ["b'"]])).toBe("['a', 1, ['b\\'']]");
  });

  it('renders dates as Unix timestamps, independent of the server time zone', () => {
    expect(literal(new Date('2025-01-17T00:00:00Z'))).toBe('toDateTime(1737072000)');
  });

  it('refuses values it cannot render faithfully', () => {
    expect(() => literal(Number.NaN)).toThrow(SqlValueError);
    expect(() => literal(Number.POSITIVE_INFINITY)).toThrow(SqlValueError);
    expect(() => literal(new Date('nope'))).toThrow(SqlValueError);
    expect(() => literal(new Date('1960-01-01T00:00:00Z'))).toThrow(SqlValueError);
    expect(() => literal('\ud800 lone surrogate')).toThrow(SqlValueError);
    expect(() => literal(5e-324)).toThrow(SqlValueError);
    expect(() => literal({} as never)).toThrow(SqlValueError);
  });
});

describe('identifier', () => {
  it('backquotes plain names', () => {
    expect(identifier(POSTS_TABLE).text).toBe('`posts_v1`');
  });

  it.each(['', '1abc', 'a-b', 'a`b', 'a b', 'posts; DROP TABLE x', 'a.b'])('refuses %j', (name) => {
    expect(() => identifier(name)).toThrow(SqlValueError);
  });
});

describe('sql template', () => {
  it('escapes every interpolated value and keeps fragments as they are', () => {
    const hostile = "x' OR 1=1 --";
    const where = sql`lang = ${hostile}`;
    expect(sql`SELECT * FROM ${identifier('t')} WHERE ${where} LIMIT ${10}`.text).toBe(
      "SELECT * FROM `t` WHERE lang = 'x\\' OR 1=1 --' LIMIT 10",
    );
  });

  it('joins fragments', () => {
    expect(joinSql([sql`a = ${1}`, sql`b = ${'2'}`], ' AND ').text).toBe("a = 1 AND b = '2'");
  });
});
