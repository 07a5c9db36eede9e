/**
 * A VADER-style valence of an English post, computed from the tokens the analyzer already has:
 * the VADER lexicon's word ratings (from the `vader-sentiment` package), flipped and damped
 * under a negator, raised or lowered by an intensifier just before, raised when shouted, text
 * after "but" outweighing what came before, emoji and emoticons, and "!" adding emphasis. The
 * trained model reads it as a few bucketed features, which carry lexicon knowledge to text unlike
 * the tweets it was trained on (longer comments, statements).
 */
/// <reference path="./vader-lexicon.d.ts" />
import { lexicon as vaderLexicon } from 'vader-sentiment/src/vader_lexicon.js';
import { emojiValence, emoticonValence } from './emoji.ts';
import { INTENSIFIERS, NEGATORS } from './lexicon-sentiment.ts';
import { FLAG_ALL_CAPS, FLAG_ELONGATED, Kind, type TokenizedText } from './tokenize.ts';

/** VADER's constants: negation scalar, booster step, caps step, normalisation alpha. */
const NEGATION = -0.74;
const BOOST = 0.293;
const CAPS = 0.733;
const ALPHA = 15;
const NEGATION_SCOPE = 3;
/** Emoji valence here is -1..1; VADER's ratings run -4..4 and a strong word is about 2.5. */
const EMOJI_SCALE = 2.5;

const words = new Map<string, number>(Object.entries(vaderLexicon as Record<string, number>));

export interface Valence {
  /** VADER's compound: the summed valence squashed to (-1, 1). */
  compound: number;
  /** Lexicon words, emoji and emoticons that carried a positive / negative valence. */
  positive: number;
  negative: number;
}

/** A word's rating; an elongated word ("happyy", cut to two by the tokenizer) also tries each doubled letter as one. */
function ratingOf(word: string, flags: number): number {
  const v = words.get(word);
  if (v !== undefined || !(flags & FLAG_ELONGATED)) return v ?? 0;
  for (let i = 1; i < word.length; i++) {
    if (word.charCodeAt(i) !== word.charCodeAt(i - 1)) continue;
    const single = words.get(word.slice(0, i) + word.slice(i + 1));
    if (single !== undefined) return single;
  }
  return 0;
}

function negatedAt(doc: TokenizedText, i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - NEGATION_SCOPE; k--) {
    const kind = doc.kinds[k];
    if (kind === Kind.Boundary || kind === Kind.Mark) return false;
    if (kind === Kind.Word && NEGATORS.has(doc.tokens[k]!)) return true;
  }
  return false;
}

function boostAt(doc: TokenizedText, i: number): number {
  if (i === 0 || doc.kinds[i - 1] !== Kind.Word) return 0;
  const m = INTENSIFIERS.get(doc.tokens[i - 1]!);
  return m === undefined || m === 1 ? 0 : m > 1 ? BOOST : -BOOST;
}

export function valenceOf(doc: TokenizedText, out: Valence): Valence {
  let butAt = -1;
  for (let i = 0; i < doc.length; i++) if (doc.kinds[i] === Kind.Word && doc.tokens[i] === 'but') butAt = i;
  let sum = 0;
  let exclaim = 0;
  out.positive = 0;
  out.negative = 0;
  for (let i = 0; i < doc.length; i++) {
    const kind = doc.kinds[i]!;
    let v = 0;
    if (kind === Kind.Word || kind === Kind.Hashtag) {
      v = ratingOf(kind === Kind.Hashtag ? doc.tokens[i]!.slice(1) : doc.tokens[i]!, doc.flags[i]!);
      if (v === 0) continue;
      const sign = v > 0 ? 1 : -1;
      v += sign * boostAt(doc, i);
      if (doc.flags[i]! & FLAG_ALL_CAPS) v += sign * CAPS;
      if (negatedAt(doc, i)) v *= NEGATION;
    } else if (kind === Kind.Emoji) v = EMOJI_SCALE * emojiValence(doc.tokens[i]!);
    else if (kind === Kind.Emoticon) v = EMOJI_SCALE * emoticonValence(doc.tokens[i]!);
    else if (kind === Kind.Mark && doc.tokens[i] !== '?') exclaim++;
    if (v === 0) continue;
    if (butAt >= 0) v *= i < butAt ? 0.5 : 1.5;
    if (v > 0) out.positive++;
    else out.negative++;
    sum += v;
  }
  if (sum !== 0) sum += Math.sign(sum) * Math.min(exclaim, 4) * 0.292;
  out.compound = sum / Math.sqrt(sum * sum + ALPHA);
  return out;
}
