/**
 * Traditional to Simplified Chinese, one character at a time, so a Traditional post gets the
 * same character n-grams (and the same sentiment) as its Simplified form. The table is built
 * once from OpenCC's dictionaries (`opencc-js`); lookups are one array read per character.
 * Phrase-level differences (程式 vs 程序) are not bridged: only characters are mapped.
 */
import * as OpenCC from 'opencc-js/t2cn';

let table: Uint16Array | null = null;

function buildTable(): Uint16Array {
  const map = new Uint16Array(0x10000);
  for (let c = 0; c < map.length; c++) map[c] = c;
  const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });
  for (let c = 0x3400; c <= 0x9fff; c++) {
    const simplified = convert(String.fromCharCode(c));
    // Some map outside the basic plane; those stay as they are.
    if (simplified.length === 1) map[c] = simplified.charCodeAt(0);
  }
  for (let c = 0xf900; c <= 0xfaff; c++) {
    const simplified = convert(String.fromCharCode(c));
    if (simplified.length === 1) map[c] = simplified.charCodeAt(0);
  }
  return map;
}

/** The Simplified form's code of a UTF-16 code unit (itself when it has none). */
export function simplifiedTable(): Uint16Array {
  table ??= buildTable();
  return table;
}

export function toSimplified(text: string): string {
  const map = simplifiedTable();
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(map[text.charCodeAt(i)]!);
  return out;
}
