/**
 * Sentiment from the trained linear models: English 3 classes; Chinese negative/positive with
 * a neutral band (a post whose lean |p(positive) - p(negative)| is below the band is neutral),
 * the band chosen by cross-validation on Chinese statements that carry neutral labels.
 */
import type { SentimentResult } from './lexicon-sentiment.ts';
import { createFeatureBuffer, extractFeatures } from './features.ts';
import { argMax, scoreLinear } from './linear-model.ts';
import { loadArtefact, type SentimentArtefact } from './model-artefact.ts';
import { createLexiconEngine, type SentimentEngine } from './sentiment-engine.ts';
import type { TokenizedText } from './tokenize.ts';

const NEUTRAL_EMPTY: SentimentResult = { label: 'neutral', score: 0, confidence: 0.6 };

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The Chinese label from the binary model's two probabilities. Inside the band, confidence in
 * neutral falls from 1 at no lean to 0.5 at the band's edge; outside, it is the winning probability.
 */
export function chineseDecision(negative: number, positive: number, band: number): { label: SentimentResult['label']; confidence: number; score: number } {
  const score = positive - negative;
  if (Math.abs(score) < band) return { label: 'neutral', score, confidence: 1 - Math.abs(score) / (2 * band) };
  return { label: score > 0 ? 'positive' : 'negative', score, confidence: Math.max(positive, negative) };
}

export function createModelEngine(artefact: SentimentArtefact): SentimentEngine {
  const { en, zh, zhNeutralBand, enFeatures } = artefact;
  const buf = createFeatureBuffer();
  const probs = new Float64Array(3);
  const enPos = en.classes.indexOf('positive');
  const enNeg = en.classes.indexOf('negative');
  const zhPos = zh.classes.indexOf('positive');
  const zhNeg = zh.classes.indexOf('negative');
  return {
    version: artefact.version,
    english(doc: TokenizedText): SentimentResult {
      extractFeatures(doc, buf, en.hashBits, false, enFeatures);
      if (buf.count === 0) return NEUTRAL_EMPTY;
      scoreLinear(en, buf, probs);
      const best = argMax(probs, 3);
      return {
        label: en.classes[best] as SentimentResult['label'],
        score: round(probs[enPos]! - probs[enNeg]!),
        confidence: round(probs[best]!),
      };
    },
    chinese(doc: TokenizedText): SentimentResult {
      extractFeatures(doc, buf, zh.hashBits, true);
      if (buf.count === 0) return NEUTRAL_EMPTY;
      scoreLinear(zh, buf, probs);
      const d = chineseDecision(probs[zhNeg]!, probs[zhPos]!, zhNeutralBand);
      return { label: d.label, score: round(d.score), confidence: round(d.confidence) };
    },
  };
}

/** The shipped model if there is one, else the lexicon rules. */
export function createDefaultEngine(): SentimentEngine {
  const artefact = loadArtefact();
  return artefact ? createModelEngine(artefact) : createLexiconEngine();
}
