/**
 * One pass over a post that yields folded tokens with their kind and a few flags. Every other
 * NLP module (cue matching, lexicon and model sentiment) reads this, so text is scanned once.
 * The result lives in reusable buffers: analysis is synchronous and single-threaded, and
 * reusing arrays keeps the hot path nearly allocation-free. Copy anything you need to keep.
 */
import { toSimplified } from './traditional-chinese.ts';

export enum Kind {
  Word = 0,
  Hashtag = 1,
  Mention = 2,
  Url = 3,
  Emoji = 4,
  Emoticon = 5,
  /** `!` or `?` (runs collapsed; `count` says how many). */
  Mark = 6,
  /** `.`, `,`, `;`, `:` and similar: ends a negation scope. */
  Boundary = 7,
  /** A run of Chinese/Japanese characters, kept whole (no segmenter). */
  Cjk = 8,
}

export const FLAG_ALL_CAPS = 1;
export const FLAG_ELONGATED = 2;

export interface TokenizedText {
  /** The text after NFKC, lower-cased, Traditional Chinese folded to Simplified: what CJK substring cues are searched in. */
  folded: string;
  length: number;
  tokens: string[];
  kinds: Uint8Array;
  flags: Uint8Array;
  /** For a hashtag, its words split at case changes (#SaveTikTok -> "save tiktok"); else "". */
  hashtagWords: string[];
  /** Characters by script, for language detection. */
  latinLetters: number;
  han: number;
  kana: number;
  hangul: number;
  cyrillic: number;
  arabic: number;
  otherLetters: number;
}

/** Long posts are scored on their first part; beyond this, words change little. */
export const MAX_SCAN_CHARS = 5000;
const MAX_TOKENS = 2048;

const EMOTICONS = [
  ':-)', ':)', ':-D', ':D', ':]', '=)', '=D', ';-)', ';)', ':-P', ':P', ':p', 'xD', 'XD', '<3', '^_^', '^^',
  ':-(', ':(', ':[', '=(', ":'(", ':-/', ':/', ':|', '>:(', 'D:', '</3', ':@', '-_-', 'T_T', ':-O', ':O', ':o',
];
const EMOTICON_SET = new Set(EMOTICONS);
const EMOTICON_FIRST = new Set(EMOTICONS.map((e) => e.charCodeAt(0)));

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}
function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0xf900 && c <= 0xfaff);
}
/** Letters of alphabetic scripts (Latin extended, Greek, Cyrillic, Hebrew, Arabic, Indic, Thai, Hangul). */
function isOtherLetter(c: number): boolean {
  if (c < 0xc0) return false;
  if (c < 0x2000) return c !== 0xd7 && c !== 0xf7;
  return (c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff);
}
function isWordChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 95 || isOtherLetter(c);
}
function isJoiner(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 46 || c === 45; // ' ’ . -
}
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000;
}
function isEmojiStart(c: number): boolean {
  return (c >= 0xd83c && c <= 0xd83e) || (c >= 0x2600 && c <= 0x27bf) || c === 0x2764 || c === 0x2b50;
}
/** Marks that ride on an emoji: variation selectors, zero-width joiner, skin tones (low surrogates). */
function isEmojiModifier(c: number): boolean {
  return c === 0xfe0f || c === 0xfe0e || c === 0x200d;
}

const out: TokenizedText = {
  folded: '',
  length: 0,
  tokens: [],
  kinds: new Uint8Array(MAX_TOKENS),
  flags: new Uint8Array(MAX_TOKENS),
  hashtagWords: [],
  latinLetters: 0,
  han: 0,
  kana: 0,
  hangul: 0,
  cyrillic: 0,
  arabic: 0,
  otherLetters: 0,
};

const NON_ASCII = /[^\x00-\x7f]/;

function push(token: string, kind: Kind, flags: number, hashtagWords = ''): boolean {
  const i = out.length;
  if (i >= MAX_TOKENS) return false;
  out.tokens[i] = token;
  out.kinds[i] = kind;
  out.flags[i] = flags;
  out.hashtagWords[i] = hashtagWords;
  out.length = i + 1;
  return true;
}

/** Collapses 3+ repeats of a letter to two ("sooooo" -> "soo"); returns null if none. */
function collapseElongation(word: string): string | null {
  let runs = false;
  for (let i = 2; i < word.length; i++) {
    if (word.charCodeAt(i) === word.charCodeAt(i - 1) && word.charCodeAt(i) === word.charCodeAt(i - 2)) {
      runs = true;
      break;
    }
  }
  return runs ? word.replace(/(.)\1{2,}/g, '$1$1') : null;
}

/** Splits a hashtag body at case changes and letter/digit edges: "SaveTikTok2025" -> "save tik tok 2025". */
function splitHashtag(body: string): string {
  const parts = body.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\x00-\x7f]+/g);
  return parts && parts.length > 1 ? parts.join(' ').toLowerCase() : '';
}

/** Tokenizes `raw`. The returned object is reused by the next call. */
export function tokenize(raw: string): TokenizedText {
  let text = raw.length > MAX_SCAN_CHARS ? raw.slice(0, MAX_SCAN_CHARS) : raw;
  const nonAscii = NON_ASCII.test(text);
  if (nonAscii) text = text.normalize('NFKC');
  // Traditional characters fold to Simplified (same length), so one set of Chinese cues serves both.
  out.folded = nonAscii ? toSimplified(text.toLowerCase()) : text.toLowerCase();
  out.length = 0;
  out.latinLetters = out.han = out.kana = out.hangul = out.cyrillic = out.arabic = out.otherLetters = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    // URLs: skipped for sentiment, but kept as one token so they end nothing else.
    if ((c === 104 || c === 119) && (text.startsWith('http://', i) || text.startsWith('https://', i) || text.startsWith('www.', i))) {
      while (i < n && !isSpace(text.charCodeAt(i))) i++;
      if (!push('<url>', Kind.Url, 0)) break;
      continue;
    }
    if ((c === 64 || c === 35) && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) {
      i++;
      while (i < n && (isWordChar(text.charCodeAt(i)) || (c === 64 && text.charCodeAt(i) === 46 && i + 1 < n && isWordChar(text.charCodeAt(i + 1))))) i++;
      const body = text.slice(start + 1, i);
      if (c === 64) {
        if (!push('@' + body.toLowerCase(), Kind.Mention, 0)) break;
      } else if (!push('#' + body.toLowerCase(), Kind.Hashtag, 0, splitHashtag(body))) break;
      continue;
    }
    if (isCjk(c)) {
      while (i < n && isCjk(text.charCodeAt(i))) {
        const d = text.charCodeAt(i);
        if (d >= 0x3040 && d <= 0x30ff) out.kana++;
        else out.han++;
        i++;
      }
      if (!push(out.folded.slice(start, i), Kind.Cjk, 0)) break;
      continue;
    }
    if (isWordChar(c)) {
      let upper = 0;
      let letters = 0;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isWordChar(d)) {
          if (d >= 65 && d <= 90) upper++;
          if (d < 128 ? !(d >= 48 && d <= 57) && d !== 95 : true) {
            letters++;
            if (d < 128) out.latinLetters++;
            else if (d < 0x250) out.latinLetters++;
            else if (d >= 0x400 && d < 0x530) out.cyrillic++;
            else if (d >= 0x600 && d < 0x700) out.arabic++;
            else if (d >= 0xac00) out.hangul++;
            else out.otherLetters++;
          }
          i++;
        } else if (isJoiner(d) && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) i++;
        else break;
      }
      let word = out.folded.slice(start, i);
      // The dot closing an abbreviation (U.S., D.C., v.) is part of it, not a sentence end.
      if (i < n && text.charCodeAt(i) === 46 && (word.length === 1 || word.indexOf('.') > 0)) i++;
      if (word.indexOf('’') >= 0) word = word.replace(/’/g, "'");
      let flags = upper >= 2 && upper === letters ? FLAG_ALL_CAPS : 0;
      const collapsed = letters >= 3 ? collapseElongation(word) : null;
      if (collapsed) {
        word = collapsed;
        flags |= FLAG_ELONGATED;
      }
      if (!push(word, Kind.Word, flags)) break;
      continue;
    }
    if (EMOTICON_FIRST.has(c)) {
      let matched = 0;
      for (let len = 4; len >= 2; len--) {
        if (i + len <= n && EMOTICON_SET.has(text.slice(i, i + len))) {
          const after = i + len < n ? text.charCodeAt(i + len) : 32;
          if (!isAsciiAlnum(after)) {
            matched = len;
            break;
          }
        }
      }
      if (matched) {
        i += matched;
        if (!push(text.slice(start, i), Kind.Emoticon, 0)) break;
        continue;
      }
    }
    if (isEmojiStart(c)) {
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      const symbol = text.slice(start, i);
      // Skin tones and joiners attach to the emoji; a repeated emoji counts once per repeat.
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isEmojiModifier(d)) i++;
        else if (d === 0xd83c && i + 1 < n && text.charCodeAt(i + 1) >= 0xdffb && text.charCodeAt(i + 1) <= 0xdfff) i += 2;
        else break;
      }
      if (!push(symbol, Kind.Emoji, 0)) break;
      continue;
    }
    if (c === 33 || c === 63) {
      while (i < n && (text.charCodeAt(i) === 33 || text.charCodeAt(i) === 63)) i++;
      if (!push(i - start > 1 ? '!!' : text[start]!, Kind.Mark, 0)) break;
      continue;
    }
    i++;
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 0x3002 || c === 0xff0c || c === 0x3001 || c === 0xff1b) {
      if (!push(c === 46 || c === 0x3002 ? '.' : ',', Kind.Boundary, 0)) break;
    }
  }
  return out;
}
