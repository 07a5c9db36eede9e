/**
 * Language from script counts and, for Latin text, function words. Cheap by design: it
 * decides which sentiment model runs. en and zh are what Rift analyses; others are tagged
 * (ja, ko, ru, ar, es, fr, de, pt, it, nl, id, tr) so they can be kept and filtered.
 */
import { Kind, type TokenizedText } from './tokenize.ts';

const FUNCTION_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'are', 'was', 'to', 'of', 'in', 'it', 'you', 'i', 'this', 'that', 'for', 'with', 'not', 'my', 'on', 'be', 'have', 'just', 'they', 'we', 'me', 'so', 'what', "it's", "don't", "i'm", 'about', 'will', 'can', 'all', 'your', 'but', 'at', 'if', 'do', 'get', 'a', 'an', 'as', 'or', 'from', 'has', 'had', 'our', 'who', 'why', 'how', 'when', 'there', 'their', 'out', 'up', 'now', 'been', 'like', 'lol', 'today', 'people', 'he', 'she', 'his', 'her', 'no'],
  es: ['el', 'los', 'las', 'que', 'es', 'por', 'para', 'con', 'una', 'pero', 'muy', 'está', 'como', 'más', 'del', 'se', 'lo', 'y', 'su', 'yo'],
  fr: ['le', 'les', 'des', 'est', 'une', 'pour', 'pas', 'avec', 'dans', 'qui', 'sur', 'mais', 'je', 'et', 'du', 'au', 'ce', 'vous', 'nous', "c'est"],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'ein', 'eine', 'zu', 'auf', 'ich', 'sie', 'es', 'wir', 'auch', 'den', 'von', 'sich', 'dass'],
  pt: ['não', 'uma', 'com', 'para', 'os', 'as', 'que', 'é', 'do', 'da', 'em', 'um', 'mas', 'eu', 'você', 'isso', 'muito', 'por', 'mais', 'foi'],
  it: ['il', 'che', 'non', 'di', 'una', 'per', 'sono', 'con', 'gli', 'della', 'è', 'questo', 'anche', 'ma', 'io', 'mi', 'ci', 'del', 'alla', 'come'],
  nl: ['de', 'het', 'een', 'en', 'niet', 'van', 'ik', 'je', 'is', 'dat', 'op', 'met', 'zijn', 'voor', 'maar', 'ook', 'wat', 'er', 'dit', 'wel'],
  id: ['yang', 'dan', 'di', 'ini', 'itu', 'tidak', 'aku', 'saya', 'ada', 'dengan', 'untuk', 'dari', 'kita', 'akan', 'sudah', 'juga', 'bisa', 'kamu', 'apa', 'ya'],
  tr: ['ve', 'bir', 'bu', 'da', 'de', 'için', 'çok', 'ne', 'ben', 'ama', 'gibi', 'daha', 'var', 'olarak', 'değil', 'sen', 'mi', 'o', 'ile', 'şey'],
};

const LANGS = Object.keys(FUNCTION_WORDS);
/** Word -> bit mask of the languages it is a function word of. */
const WORD_LANGS = new Map<string, number>();
LANGS.forEach((lang, bit) => {
  for (const w of FUNCTION_WORDS[lang]!) WORD_LANGS.set(w, (WORD_LANGS.get(w) ?? 0) | (1 << bit));
});

const votes = new Float64Array(LANGS.length);

export interface LanguageResult {
  lang: string;
  confidence: number;
}

export function detectLanguage(doc: TokenizedText): LanguageResult {
  const cjk = doc.han + doc.kana;
  let words = 0;
  votes.fill(0);
  for (let i = 0; i < doc.length; i++) {
    if (doc.kinds[i] !== Kind.Word) continue;
    words++;
    const mask = WORD_LANGS.get(doc.tokens[i]!);
    if (mask === undefined) continue;
    // A word shared by several languages splits its vote.
    const share = 1 / popcount(mask);
    for (let b = 0; b < LANGS.length; b++) if (mask & (1 << b)) votes[b]! += share;
  }
  if (cjk > 0) {
    if (doc.kana > 0 && doc.kana * 5 >= cjk) return { lang: 'ja', confidence: 0.85 };
    // Chinese characters carry a word each, so 2 of them outweigh a Latin word like "TikTok".
    if (doc.han >= 2 * Math.max(1, Math.min(words, 6)) || doc.han >= words * 1.5) return { lang: 'zh', confidence: 0.9 };
  }
  const letters = doc.latinLetters + doc.cyrillic + doc.arabic + doc.hangul + doc.otherLetters;
  if (letters === 0) return cjk > 0 ? { lang: 'zh', confidence: 0.6 } : { lang: 'und', confidence: 0.5 };
  if (doc.hangul * 2 > letters) return { lang: 'ko', confidence: 0.9 };
  if (doc.cyrillic * 2 > letters) return { lang: 'ru', confidence: 0.6 };
  if (doc.arabic * 2 > letters) return { lang: 'ar', confidence: 0.7 };
  if (doc.otherLetters * 2 > letters) return { lang: 'und', confidence: 0.4 };
  let best = 0;
  for (let b = 1; b < LANGS.length; b++) if (votes[b]! > votes[best]!) best = b;
  const top = votes[best]!;
  if (top === 0) return { lang: 'en', confidence: 0.5 }; // Latin with no function word: hashtags, names; usually English here
  let total = 0;
  for (let b = 0; b < LANGS.length; b++) total += votes[b]!;
  const lang = votes[0]! >= top ? 'en' : LANGS[best]!;
  return { lang, confidence: Math.round(Math.min(0.99, 0.5 + 0.5 * (top / total) * Math.min(1, total / 3)) * 1000) / 1000 };
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}
