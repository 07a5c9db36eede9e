/**
 * Sentiment from the trained linear models, negative / neutral / positive in both languages.
 * English learned neutral from the tweets; Chinese from the neutral-labelled Chinese statements
 * (the Chinese posts and reviews are polar only), with a decision offset on the neutral logit
 * chosen by cross-validation.
 */
import type { SentimentResult } from './lexicon-sentiment.ts';
import { createFeatureBuffer, extractFeatures, type FeatureSet } from './features.ts';
import { argMax, scoreLinear, type LinearModel } from './linear-model.ts';
import { loadArtefact, type SentimentArtefact } from './model-artefact.ts';
import { createLexiconEngine, type SentimentEngine } from './sentiment-engine.ts';
import type { TokenizedText } from './tokenize.ts';

const NEUTRAL_EMPTY: SentimentResult = { label: 'neutral', score: 0, confidence: 0.6 };

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function createModelEngine(artefact: SentimentArtefact): SentimentEngine {
  const buf = createFeatureBuffer();
  const probs = new Float64Array(3);
  const scorer = (model: LinearModel, chinese: boolean, features: FeatureSet | undefined) => {
    const pos = model.classes.indexOf('positive');
    const neg = model.classes.indexOf('negative');
    return (doc: TokenizedText): SentimentResult => {
      extractFeatures(doc, buf, model.hashBits, chinese, features);
      if (buf.count === 0) return NEUTRAL_EMPTY;
      scoreLinear(model, buf, probs);
      const best = argMax(probs, 3);
      return { label: model.classes[best] as SentimentResult['label'], score: round(probs[pos]! - probs[neg]!), confidence: round(probs[best]!) };
    };
  };
  return { version: artefact.version, english: scorer(artefact.en, false, artefact.enFeatures), chinese: scorer(artefact.zh, true, undefined) };
}

/** The shipped model if there is one, else the lexicon rules. */
export function createDefaultEngine(): SentimentEngine {
  const artefact = loadArtefact();
  return artefact ? createModelEngine(artefact) : createLexiconEngine();
}
