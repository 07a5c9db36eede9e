/**
 * Traditional to Simplified Chinese, character by character, so one set of Chinese cues, grams
 * and lexicon entries serves both scripts (Taiwan, Hong Kong and overseas outlets write
 * Traditional). The table is OpenCC's TSCharacters list (via opencc-js); only characters in the
 * Basic Multilingual Plane are mapped, which covers every common Traditional form. Phrase-level
 * rewrites (different words, not different glyphs) are left alone: they are rare in news text
 * and would cost a dictionary scan per post.
 */
import tsCharacters from 'opencc-js/dict/TSCharacters';

const SIMPLIFIED = new Uint16Array(0x10000);
for (const pair of tsCharacters.split('|')) {
  const [from, to] = pair.split(' ');
  if (!from || !to || from.length !== 1 || to.length !== 1) continue;
  SIMPLIFIED[from.charCodeAt(0)] = to.charCodeAt(0);
}

/** `text` with every Traditional character replaced by its Simplified form; other text unchanged. */
export function toSimplified(text: string): string {
  let out: string[] | null = null;
  for (let i = 0; i < text.length; i++) {
    const mapped = SIMPLIFIED[text.charCodeAt(i)]!;
    if (mapped === 0) continue;
    out ??= text.split('');
    out[i] = String.fromCharCode(mapped);
  }
  return out ? out.join('') : text;
}
