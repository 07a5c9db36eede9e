/**
 * Small readers shared by the Zeeschuimer platform mappers: the platforms' JSON is loose (counts
 * as "1.2万" strings, times in seconds or milliseconds, fields that come and go by page), and each
 * reader answers "the value, or undefined" so a mapper can list what the capture did not hold.
 */

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The object at `key`, or undefined (Douyin writes "$undefined" where a value is absent). */
export function objectAt(item: Json, key: string): Json | undefined {
  const value = item[key];
  return isObject(value) ? value : undefined;
}

export function textAt(item: Json | undefined, ...keys: string[]): string | undefined {
  if (!item) return undefined;
  for (const key of keys) {
    const value = item[key];
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string' && value.trim() !== '' && value !== '$undefined') return value;
  }
  return undefined;
}

const CHINESE_UNITS: Readonly<Record<string, number>> = { '万': 1e4, 'w': 1e4, 'W': 1e4, '亿': 1e8, 'k': 1e3, 'K': 1e3, 'm': 1e6, 'M': 1e6 };

/**
 * A count as the platform shows it: 42, "42", "1,204", "1.2万" (12,000), "10万+" (at least 100,000).
 * Anything else (a word, an empty string) is undefined, so it is reported missing, not read as 0.
 */
export function countFrom(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d[\d,]*(?:\.\d+)?)\s*([万wW亿kKmM])?\+?\s*$/.exec(value);
  if (!match) return undefined;
  const base = Number(match[1]!.replace(/,/g, ''));
  return Math.round(base * (match[2] ? CHINESE_UNITS[match[2]]! : 1));
}

export function countAt(item: Json | undefined, ...keys: string[]): number | undefined {
  if (!item) return undefined;
  for (const key of keys) {
    const n = countFrom(item[key]);
    if (n !== undefined) return n;
  }
  return undefined;
}

/** An epoch in seconds or milliseconds (number or digits) as ISO 8601, or undefined. */
export function instantFrom(value: unknown): string | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{9,13}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return new Date(n < 1e11 ? n * 1000 : n).toISOString();
}

/** Hashtags the item lists apart from its text, appended when the text does not already carry them. */
export function withHashtags(text: string, tags: readonly string[]): string {
  const missing = [...new Set(tags.map((t) => t.trim()).filter(Boolean))].filter((t) => !text.includes(`#${t}`));
  if (missing.length === 0) return text;
  const line = missing.map((t) => `#${t}`).join(' ');
  return text ? `${text}\n${line}` : line;
}

/** The `name` (or `key`) of each object in an array field, for tag lists. */
export function namesIn(list: unknown, key: string): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => (isObject(entry) && typeof entry[key] === 'string' ? [entry[key] as string] : []));
}
