/** What the analyzer needs from a sentiment scorer, lexicon-based or trained. */
import type { SentimentResult } from './lexicon-sentiment.ts';
import { LexiconSentiment } from './lexicon-sentiment.ts';
import type { TokenizedText } from './tokenize.ts';
import { ZhLexiconSentiment } from './zh-lexicon-sentiment.ts';

export interface SentimentEngine {
  /** Names the scorer and its weights; goes into every analysis' model_version. */
  readonly version: string;
  english(doc: TokenizedText): SentimentResult;
  chinese(doc: TokenizedText): SentimentResult;
}

/** The fallback when no trained model is shipped: hand-tuned rules over lexicons. */
export function createLexiconEngine(): SentimentEngine {
  const en = new LexiconSentiment();
  const zh = new ZhLexiconSentiment();
  return {
    version: 'lexicon-1',
    english: (doc) => en.score(doc),
    chinese: (doc) => zh.score(doc.folded),
  };
}
