/**
 * Rule-based sentiment over a word lexicon (AFINN-165 via `natural`), used when no trained
 * model is shipped. It handles what plain word sums get wrong on posts: negation ("not good"),
 * intensifiers ("really good", "kinda good"), shouting (GOOD), elongation (goooood), "!",
 * emoji and emoticons, hashtags (#blessed reads as "blessed"); @mentions and URLs carry no
 * sentiment. Text after "but" outweighs what came before it.
 */
import { createRequire } from 'node:module';
import { emojiValence, emoticonValence } from './emoji.ts';
import { FLAG_ALL_CAPS, FLAG_ELONGATED, Kind, type TokenizedText } from './tokenize.ts';

export interface SentimentResult {
  label: 'negative' | 'neutral' | 'positive';
  score: number;
  confidence: number;
}

export const NEGATORS = new Set([
  'not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'nowhere', 'cannot', 'without', 'hardly', 'barely',
  "don't", 'dont', "doesn't", 'doesnt', "didn't", 'didnt', "isn't", 'isnt', "aren't", 'arent', "wasn't", 'wasnt',
  "weren't", "won't", 'wont', "wouldn't", 'wouldnt', "can't", 'cant', "couldn't", 'couldnt', "shouldn't", 'shouldnt',
  "haven't", 'havent', "hasn't", "hadn't", "ain't", 'aint',
]);

export const INTENSIFIERS = new Map<string, number>([
  ['very', 1.3], ['really', 1.3], ['so', 1.2], ['too', 1.15], ['extremely', 1.5], ['super', 1.3], ['totally', 1.3],
  ['absolutely', 1.4], ['completely', 1.3], ['incredibly', 1.4], ['truly', 1.2], ['most', 1.2], ['highly', 1.3],
  ['fucking', 1.4], ['freaking', 1.3], ['damn', 1.2], ['hella', 1.3], ['soo', 1.3], ['sooo', 1.3], ['such', 1.2],
  ['slightly', 0.6], ['somewhat', 0.7], ['kinda', 0.7], ['kind', 0.8], ['sort', 0.8], ['sorta', 0.7], ['a', 1],
  ['little', 0.7], ['barely', 0.5], ['fairly', 0.8], ['quite', 1.1], ['pretty', 1.1],
]);

const NEGATION_SCOPE = 3;
/** VADER-style squashing: larger alpha needs more evidence to approach +-1. */
const ALPHA = 16;
const NEUTRAL_BAND = 0.1;

let afinn: Map<string, number> | null = null;

/** AFINN-165 as `natural` ships it, loaded once (natural's entry point also reads .env; we skip it). */
function lexicon(): Map<string, number> {
  if (!afinn) {
    const require = createRequire(import.meta.url);
    const Analyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer.js') as new (
      lang: string,
      stemmer: null,
      kind: string,
    ) => { vocabulary: Record<string, number> };
    afinn = new Map(Object.entries(new Analyzer('English', null, 'afinn').vocabulary));
  }
  return afinn;
}

export class LexiconSentiment {
  private readonly words = lexicon();

  score(doc: TokenizedText): SentimentResult {
    let sum = 0;
    let hits = 0;
    let butAt = -1;
    for (let i = 0; i < doc.length; i++) if (doc.kinds[i] === Kind.Word && doc.tokens[i] === 'but') butAt = i;
    let exclaim = 0;
    for (let i = 0; i < doc.length; i++) {
      const kind = doc.kinds[i]!;
      const token = doc.tokens[i]!;
      let v = 0;
      if (kind === Kind.Word || kind === Kind.Hashtag) {
        v = this.valence(kind === Kind.Hashtag ? token.slice(1) : token, doc.flags[i]!) / 4;
        if (v !== 0) {
          if (doc.flags[i]! & FLAG_ALL_CAPS) v *= 1.3;
          if (doc.flags[i]! & FLAG_ELONGATED) v *= 1.2;
          v *= this.modifiers(doc, i);
        }
      } else if (kind === Kind.Emoji) v = emojiValence(token);
      else if (kind === Kind.Emoticon) v = emoticonValence(token);
      else if (kind === Kind.Mark && token !== '?') exclaim += token === '!!' ? 2 : 1;
      if (v === 0) continue;
      if (butAt >= 0) v *= i < butAt ? 0.5 : 1.5;
      sum += v;
      hits++;
    }
    if (hits === 0) return { label: 'neutral', score: 0, confidence: 0.6 };
    sum += Math.sign(sum) * Math.min(exclaim, 4) * 0.07;
    const score = (sum * 4) / Math.sqrt(sum * 4 * (sum * 4) + ALPHA);
    const label = score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
    const confidence = label === 'neutral' ? 0.5 + 0.4 * (1 - Math.abs(score) / NEUTRAL_BAND) : 0.5 + 0.45 * Math.abs(score);
    return { label, score: round(score), confidence: round(confidence) };
  }

  private valence(word: string, flags: number): number {
    const v = this.words.get(word);
    if (v !== undefined) return v;
    if (!(flags & FLAG_ELONGATED)) return 0;
    // Elongated runs were cut to two ("happyyyy" -> "happyy"); try each doubled letter as one.
    for (let i = 1; i < word.length; i++) {
      if (word.charCodeAt(i) !== word.charCodeAt(i - 1)) continue;
      const single = this.words.get(word.slice(0, i) + word.slice(i + 1));
      if (single !== undefined) return single;
    }
    return 0;
  }

  /** Negation flips and damps; an intensifier right before scales. */
  private modifiers(doc: TokenizedText, i: number): number {
    let m = 1;
    const prev = i > 0 && doc.kinds[i - 1] === Kind.Word ? doc.tokens[i - 1]! : '';
    const boost = INTENSIFIERS.get(prev);
    if (boost !== undefined) m *= boost;
    for (let k = i - 1; k >= 0 && k >= i - NEGATION_SCOPE; k--) {
      const kind = doc.kinds[k];
      if (kind === Kind.Boundary || kind === Kind.Mark) break;
      if (NEGATORS.has(doc.tokens[k]!)) {
        m *= -0.75;
        break;
      }
    }
    return m;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
