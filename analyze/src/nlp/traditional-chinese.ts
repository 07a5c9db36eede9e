/**
 * Traditional to Simplified Chinese, one character at a time, so a Traditional post gets the
 * same tokens, cues and n-grams (and the same sentiment and stance) as its Simplified form. The
 * table is OpenCC's Taiwan-to-mainland character chain (via `opencc-js`): compatibility
 * ideographs to unified ones, Taiwan variants to standard forms, then Traditional to Simplified;
 * lookups are one array read per character. Phrase-level differences (程式 vs 程序) are not
 * bridged: only characters are mapped.
 */
// The dictionaries' declarations travel with this file, so other workspaces' typechecks find them.
/// <reference path="../types/opencc-dict.d.ts" />
import compatibility from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import tsCharacters from 'opencc-js/dict/TSCharacters';
import twVariants from 'opencc-js/dict/TWVariantsRev';

let table: Uint16Array | null = null;

/** Applies one OpenCC dictionary ("from to|from to|...") to the table: single characters of the basic plane only. */
function apply(map: Uint16Array, dictionary: string): void {
  const step = new Map<number, number>();
  for (const pair of dictionary.split('|')) {
    const [from, to] = pair.split(' ');
    if (from?.length === 1 && to?.length === 1 && !step.has(from.charCodeAt(0))) step.set(from.charCodeAt(0), to.charCodeAt(0));
  }
  for (let c = 0; c < map.length; c++) map[c] = step.get(map[c]!) ?? map[c]!;
}

function buildTable(): Uint16Array {
  const map = new Uint16Array(0x10000);
  for (let c = 0; c < map.length; c++) map[c] = c;
  for (const dictionary of [compatibility, twVariants, tsCharacters]) apply(map, dictionary);
  return map;
}

/** The Simplified form's code of a UTF-16 code unit (itself when it has none). */
export function simplifiedTable(): Uint16Array {
  table ??= buildTable();
  return table;
}

/** `text` with every Traditional character replaced by its Simplified form (same length). */
export function toSimplified(text: string): string {
  const map = simplifiedTable();
  let out: string[] | null = null;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const mapped = map[code]!;
    if (mapped === code) continue;
    out ??= text.split('');
    out[i] = String.fromCharCode(mapped);
  }
  return out ? out.join('') : text;
}
