/**
 * Hashed features for the linear sentiment models. The same code feeds training and
 * the fast scorer, so a feature id means the same in both. Ids are written into a reusable
 * buffer; nothing is allocated per token except what tokenization already made.
 *
 * English: words (marked when under negation), hashtags as tags and as words, emoji and
 * emoticons (plus their hand-set polarity), !/?, shouting and elongation flags, word bigrams,
 * character 3-5-grams of words (spelling variants and unseen inflections), and the post's
 * VADER-style valence as bucketed features (valence.ts). Which groups are on is a setting
 * (`FeatureSet`), chosen by cross-validation and stored with the weights.
 * Chinese: character 1-4-grams of each Chinese run (no segmenter), after mapping Traditional
 * characters to Simplified, plus the English set for Latin words and emoji mixed in.
 */
import { emojiValence, emoticonValence } from './emoji.ts';
import { NEGATORS } from './lexicon-sentiment.ts';
import { FLAG_ALL_CAPS, FLAG_ELONGATED, Kind, type TokenizedText } from './tokenize.ts';
import { valenceOf, type Valence } from './valence.ts';

/** Optional feature groups; words, hashtags, emoji and flags are always on. */
export interface FeatureSet {
  bigrams: boolean;
  charGrams: boolean;
  /** Bucketed VADER-style valence and lexicon hit counts (English only). */
  lexicon: boolean;
}

export const ALL_FEATURES: FeatureSet = { bigrams: true, charGrams: true, lexicon: true };

export const MAX_FEATURES = 8192;

/** Ids of one text's features, repeats allowed (a count is a repeat). Reused between calls. */
export interface FeatureBuffer {
  ids: Int32Array;
  count: number;
}

export function createFeatureBuffer(): FeatureBuffer {
  return { ids: new Int32Array(MAX_FEATURES), count: 0 };
}

// Namespaces keep a word, its negated form and a bigram apart in the same hash table.
const NS_WORD = 0x9e3779b1;
const NS_NEG = 0x85ebca6b;
const NS_BIGRAM = 0xc2b2ae35;
const NS_CHAR = 0x27d4eb2f;
const NS_CJK = 0x165667b1;
const NS_LEXICON = 0x7feb352d;

export function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b >>> 15), 0x2c1b3c6d) ^ b;
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Word-level feature ids for a string, exposed so training can put lexicon priors on them. */
export function wordFeature(word: string, negated: boolean, mask: number): number {
  return (hashString(word, negated ? NS_NEG : NS_WORD) & mask) >>> 0;
}

export function cjkGramFeature(gram: string, mask: number): number {
  return (hashString(gram, NS_CJK) & mask) >>> 0;
}

const NEGATION_SCOPE = 4;
/** Chinese words are mostly 2 and 4 characters long (NTUSD: 9k and 7k entries). */
export const CJK_MAX_GRAM = 4;
const FEATURE_CAPS = hashString('<caps>', NS_WORD);
const FEATURE_ELONG = hashString('<elongated>', NS_WORD);
const FEATURE_EMO_POS = hashString('<emo+>', NS_WORD);
const FEATURE_EMO_NEG = hashString('<emo->', NS_WORD);

function emit(buf: FeatureBuffer, hash: number, mask: number): void {
  if (buf.count < MAX_FEATURES) buf.ids[buf.count++] = hash & mask;
}

function charGrams(buf: FeatureBuffer, word: string, mask: number): void {
  const len = word.length + 2; // with < and > marking the word's edges
  if (len > 30) return;
  for (let s = 0; s + 3 <= len; s++) {
    let h = NS_CHAR;
    for (let k = 0; k < 5 && s + k < len; k++) {
      const j = s + k;
      const c = j === 0 ? 60 : j === len - 1 ? 62 : word.charCodeAt(j - 1);
      h = Math.imul(h ^ c, 0x01000193);
      if (k >= 2) emit(buf, mix(h >>> 0, k), mask);
    }
  }
}

/** `run` is already in Simplified characters: the tokenizer folds Traditional ones. */
function cjkGrams(buf: FeatureBuffer, run: string, mask: number): void {
  for (let s = 0; s < run.length; s++) {
    let h = (0x811c9dc5 ^ NS_CJK) >>> 0;
    for (let k = 0; k < CJK_MAX_GRAM && s + k < run.length; k++) {
      h = Math.imul(h ^ run.charCodeAt(s + k), 0x01000193) >>> 0;
      emit(buf, h, mask);
    }
  }
}

/** Compound valence in 10 buckets of width 0.2, and hit counts capped at 3 (0 counts too). */
const VALENCE_BUCKETS = 10;
const VALENCE_FEATURES = Array.from({ length: VALENCE_BUCKETS }, (_, b) => hashString(`<valence:${b}>`, NS_LEXICON));
const POSITIVE_HITS = Array.from({ length: 4 }, (_, n) => hashString(`<lex+:${n}>`, NS_LEXICON));
const NEGATIVE_HITS = Array.from({ length: 4 }, (_, n) => hashString(`<lex-:${n}>`, NS_LEXICON));
const valence: Valence = { compound: 0, positive: 0, negative: 0 };

function lexiconFeatures(buf: FeatureBuffer, doc: TokenizedText, mask: number): void {
  valenceOf(doc, valence);
  const bucket = Math.min(VALENCE_BUCKETS - 1, Math.floor(((valence.compound + 1) / 2) * VALENCE_BUCKETS));
  emit(buf, VALENCE_FEATURES[bucket]!, mask);
  emit(buf, POSITIVE_HITS[Math.min(3, valence.positive)]!, mask);
  emit(buf, NEGATIVE_HITS[Math.min(3, valence.negative)]!, mask);
}

/** Fills `buf` with the features of `doc`; `hashBits` sets the table size (2^bits). */
export function extractFeatures(doc: TokenizedText, buf: FeatureBuffer, hashBits: number, chinese: boolean, set: FeatureSet = ALL_FEATURES): void {
  const mask = (1 << hashBits) - 1;
  buf.count = 0;
  if (set.lexicon && !chinese && doc.length > 0) lexiconFeatures(buf, doc, mask);
  let negLeft = 0;
  let prev = 0; // hash of the previous token, 0 at a boundary
  for (let i = 0; i < doc.length; i++) {
    const kind = doc.kinds[i]!;
    const token = doc.tokens[i]!;
    if (kind === Kind.Boundary) {
      negLeft = 0;
      prev = 0;
      continue;
    }
    if (kind === Kind.Cjk) {
      if (chinese) cjkGrams(buf, token, mask);
      else emit(buf, hashString(token, NS_CJK), mask);
      prev = 0;
      continue;
    }
    const base =
      kind === Kind.Mention ? hashString('@user', NS_WORD) : kind === Kind.Url ? hashString('<url>', NS_WORD) : hashString(token, NS_WORD);
    const negated = negLeft > 0 && (kind === Kind.Word || kind === Kind.Hashtag);
    emit(buf, negated ? hashString(token, NS_NEG) : base, mask);
    if (prev !== 0 && set.bigrams) emit(buf, mix(prev, base ^ NS_BIGRAM), mask);
    prev = base;
    if (negLeft > 0) negLeft--;
    if (kind === Kind.Word) {
      if (NEGATORS.has(token)) negLeft = NEGATION_SCOPE;
      const flags = doc.flags[i]!;
      if (flags & FLAG_ALL_CAPS) emit(buf, FEATURE_CAPS, mask);
      if (flags & FLAG_ELONGATED) emit(buf, FEATURE_ELONG, mask);
      if (!chinese && set.charGrams) charGrams(buf, token, mask);
    } else if (kind === Kind.Hashtag) {
      const bare = token.slice(1);
      emit(buf, negated ? hashString(bare, NS_NEG) : hashString(bare, NS_WORD), mask);
      const split = doc.hashtagWords[i];
      if (split) for (const w of split.split(' ')) emit(buf, hashString(w, NS_WORD), mask);
    } else if (kind === Kind.Emoji || kind === Kind.Emoticon) {
      const v = kind === Kind.Emoji ? emojiValence(token) : emoticonValence(token);
      if (v >= 0.3) emit(buf, FEATURE_EMO_POS, mask);
      else if (v <= -0.3) emit(buf, FEATURE_EMO_NEG, mask);
    } else if (kind === Kind.Mark) {
      negLeft = 0;
    }
  }
}
