/**
 * The two lexicon packages Rift is compared with, as "text in, sentiment label out", with the
 * thresholds their authors recommend (vader-sentiment: compound >= 0.05 positive, <= -0.05
 * negative; sentiment: the sign of the comparative score). Used by the bench and the model card
 * so both quote the same figures.
 */
import { createRequire } from 'node:module';
import { ConfusionCounter, type Metrics } from '../metrics.ts';
import type { LabelledText } from './dataset.ts';

const require = createRequire(import.meta.url);

export type Labeller = (text: string) => string;

export function peerLabellers(): Record<'vader-sentiment' | 'sentiment', Labeller> {
  const vader = require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(t: string): { compound: number } } };
  const Sentiment = require('sentiment') as new () => { analyze(t: string): { comparative: number } };
  const sentiment = new Sentiment();
  return {
    'vader-sentiment': (t) => {
      const c = vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
      return c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral';
    },
    sentiment: (t) => {
      const c = sentiment.analyze(t).comparative;
      return c > 0 ? 'positive' : c < 0 ? 'negative' : 'neutral';
    },
  };
}

export function metricsOfLabeller(rows: readonly LabelledText[], label: Labeller): Metrics {
  const counter = new ConfusionCounter(['negative', 'neutral', 'positive']);
  for (const r of rows) counter.add(r.label, label(r.text));
  return counter.metrics();
}
