/**
 * The only way values reach ClickHouse SQL.
 *
 * ClickHouse 18.16 has no query parameters, so every value is rendered as a literal here.
 * Queries are built with the `sql` tagged template; the ClickHouse client accepts only `Sql`
 * fragments, so a plain string cannot be concatenated into a query by accident.
 */

export type SqlValue = string | number | bigint | boolean | Date | null | readonly SqlValue[];

export class SqlValueError extends Error {
  override name = 'SqlValueError';
}

/** A piece of SQL whose text is known to be safe: written in code or built from escaped values. */
export class Sql {
  /** Only this module and `trustedSql` construct fragments. */
  private constructor(readonly text: string) {}

  static fromTrusted(text: string): Sql {
    return new Sql(text);
  }

  toString(): string {
    return this.text;
  }
}

const MIN_NORMAL_DOUBLE = 2.2250738585072014e-308;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A table, column or database name, checked against a strict pattern and backquoted. */
export function identifier(name: string): Sql {
  if (!IDENTIFIER.test(name)) throw new SqlValueError(`not a valid identifier: ${JSON.stringify(name)}`);
  return Sql.fromTrusted(`\`${name}\``);
}

/** SQL text written in code, never from input (keywords, function names, constant clauses). */
export function trustedSql(text: string): Sql {
  return Sql.fromTrusted(text);
}

/** Renders one value as a ClickHouse literal. */
export function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  switch (typeof value) {
    case 'string':
      return quoteString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new SqlValueError(`not a finite number: ${value}`);
      // ClickHouse 18.16's parser rejects subnormal doubles; refuse rather than round to 0.
      if (value !== 0 && Math.abs(value) < MIN_NORMAL_DOUBLE) throw new SqlValueError(`number too small for ClickHouse: ${value}`);
      // Number#toString gives forms ClickHouse parses (1e-7, -0.5); -0 becomes 0.
      return Object.is(value, -0) ? '0' : String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? '1' : '0';
    case 'object':
      if (value instanceof Date) return dateTimeLiteral(value);
      if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  }
  throw new SqlValueError(`unsupported SQL value of type ${typeof value}`);
}

function dateTimeLiteral(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new SqlValueError('invalid date');
  const seconds = Math.floor(ms / 1000);
  // DateTime is an unsigned 32-bit count of seconds; out-of-range values would wrap silently.
  if (seconds < 0 || seconds > 0xffffffff) throw new SqlValueError(`date out of DateTime range: ${date.toISOString()}`);
  // A Unix timestamp is time-zone independent, unlike a 'YYYY-MM-DD hh:mm:ss' string.
  return `toDateTime(${seconds})`;
}

/**
 * Quotes a string so that ClickHouse reads back exactly the same characters.
 * Backslash and quote are escaped; control characters become \xHH so that the query text
 * itself never carries raw NUL or line breaks.
 */
function quoteString(value: string): string {
  if (!value.isWellFormed()) throw new SqlValueError('string contains an unpaired UTF-16 surrogate');
  let out = "'";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** Tagged template: `sql\`SELECT * FROM t WHERE id = ${id}\`` renders each value as a literal. */
export function sql(strings: TemplateStringsArray, ...values: Array<SqlValue | Sql>): Sql {
  let text = strings[0]!;
  values.forEach((value, i) => {
    text += (value instanceof Sql ? value.text : literal(value)) + strings[i + 1]!;
  });
  return Sql.fromTrusted(text);
}

/** Joins fragments with a separator written in code (', ', ' AND ', ...). */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
  return Sql.fromTrusted(parts.map((p) => p.text).join(separator));
}
