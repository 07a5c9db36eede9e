import { joinSql, sql, trustedSql, type Sql } from '@rift/core';

/**
 * Formula neutralisation of CSV text cells, in one place for both writers (Node's and the SQL
 * that ClickHouse runs for the streamed export).
 *
 * Spreadsheets run a cell that starts with = + - or @ as a formula (OWASP "CSV injection"), and
 * some also after leading whitespace they trim (a space, a no-break space, a line feed, a tab)
 * or after the fullwidth forms that East Asian input methods type (＝ ＋ － ＠). A text cell whose
 * first character is any of these, or any whitespace, gets a leading apostrophe. The test is
 * on the first character only: a whitespace-led cell is neutralised whatever follows, which
 * covers runs of any length and keeps the check cheap enough to run on every cell in
 * ClickHouse. A cell that already starts with an apostrophe gets one more, so removing one
 * leading apostrophe from any cell that has one gives back the exact text.
 */

/** Whitespace as JavaScript's \s matches it: ASCII tab to CR, space, and the Unicode spaces. */
const WHITESPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/** Formula characters in their ASCII and fullwidth forms, and the apostrophe (for reversibility). */
const FORMULA = "=+-@\uff1d\uff0b\uff0d\uff20'";

/** Every first character that makes a cell get an apostrophe. */
export const NEUTRALISED_STARTS: readonly string[] = [...WHITESPACE, ...FORMULA];

const STARTS = new Set(NEUTRALISED_STARTS);

/** Prefixes an apostrophe to a cell a spreadsheet could evaluate as a formula. */
export function neutraliseFormula(value: string): string {
  // Every start is one UTF-16 code unit, so the first code unit decides.
  return value.length > 0 && STARTS.has(value[0]!) ? `'${value}` : value;
}

/** Undoes neutraliseFormula on a cell read back from one of our CSV files. */
export function restoreNeutralised(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

/** The UTF-8 bytes of a character read as a little-endian integer, as reinterpretAsUInt32 reads a string's first bytes. */
function leadingBytesValue(char: string): { length: number; value: number } {
  const bytes = Buffer.from(char, 'utf8');
  let value = 0;
  for (let i = bytes.length - 1; i >= 0; i--) value = value * 256 + bytes[i]!;
  return { length: bytes.length, value };
}

/** The starts grouped by UTF-8 length: the SQL compares the first 1, 2 or 3 bytes as numbers. */
const STARTS_BY_LENGTH = (() => {
  const groups = new Map<number, number[]>();
  for (const char of NEUTRALISED_STARTS) {
    const { length, value } = leadingBytesValue(char);
    groups.set(length, [...(groups.get(length) ?? []), value]);
  }
  return groups;
})();

const MASKS: Record<number, number> = { 1: 0xff, 2: 0xffff, 3: 0xffffff };

/**
 * The SQL of a neutralised text value, the same rule as neutraliseFormula: the first three bytes
 * are read as one number (no string is made to test them) and compared with the starts' bytes.
 */
export function neutraliseFormulaSql(value: Sql): Sql {
  const head = sql`bitAnd(reinterpretAsUInt32(${value}), 16777215)`;
  const tests = [...STARTS_BY_LENGTH].map(([length, values]) => {
    const masked = length === 3 ? head : sql`bitAnd(${head}, ${MASKS[length]!})`;
    return sql`${masked} IN (${trustedSql(values.join(', '))})`;
  });
  return sql`concat(if(${joinSql(tests, ' OR ')}, '\\'', ''), ${value})`;
}
