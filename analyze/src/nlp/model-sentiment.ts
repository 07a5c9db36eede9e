/** Sentiment from the trained linear models (English 3 classes, Chinese 2 plus a neutral band). */
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

export function createModelEngine(artefact: SentimentArtefact): SentimentEngine {
  const { en, zh, zhNeutralBand } = artefact;
  const buf = createFeatureBuffer();
  const probs = new Float64Array(3);
  const enPos = en.classes.indexOf('positive');
  const enNeg = en.classes.indexOf('negative');
  const zhPos = zh.classes.indexOf('positive');
  const zhNeg = zh.classes.indexOf('negative');
  return {
    version: artefact.version,
    english(doc: TokenizedText): SentimentResult {
      extractFeatures(doc, buf, en.hashBits, false);
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
      const score = probs[zhPos]! - probs[zhNeg]!;
      // Trained on polar reviews and posts only: a weak lean is reported as neutral.
      if (Math.abs(score) < zhNeutralBand) return { label: 'neutral', score: round(score), confidence: round(1 - Math.abs(score) / (2 * zhNeutralBand)) };
      return { label: score > 0 ? 'positive' : 'negative', score: round(score), confidence: round(Math.max(probs[zhPos]!, probs[zhNeg]!)) };
    },
  };
}

/** The shipped model if there is one, else the lexicon rules. */
export function createDefaultEngine(): SentimentEngine {
  const artefact = loadArtefact();
  return artefact ? createModelEngine(artefact) : createLexiconEngine();
}
