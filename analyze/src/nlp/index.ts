/**
 * The analyzer: one tokenization per post, then sentiment, stance, topics, language and
 * actor. Built once per process from a topic pack; `analyze` is synchronous.
 */
import { createHash } from 'node:crypto';
import type { Analysis, TopicPack } from '@rift/core';
import type { Analyzer, AnalyzerInput } from '../analyzer.ts';
import { ActorClassifier } from './actor.ts';
import { detectLanguage } from './language.ts';
import { createDefaultEngine } from './model-sentiment.ts';
import type { SentimentEngine } from './sentiment-engine.ts';
import { StanceScorer } from './stance.ts';
import { loadStanceModelFile, StanceModel, type StanceModelFile } from './stance-model.ts';
import { TopicTagger } from './topics.ts';
import { tokenize, type TokenizedText } from './tokenize.ts';

export interface AnalyzerOptions {
  /** Sentiment scorer; defaults to the shipped trained model, or the lexicon rules without one. */
  sentiment?: SentimentEngine;
  /** Trained stance weights; defaults to the shipped model when it was trained for this pack. */
  stanceModel?: StanceModelFile | null;
}

interface StanceEngine {
  version: string;
  score(doc: TokenizedText, sentiment: number): { label: Analysis['stance']['label']; confidence: number };
}

/**
 * The trained model serves the pack it was trained on (its frames name the features); any
 * other pack, until a model is trained for it, is scored by its weighted cues alone.
 */
function createStance(pack: TopicPack, file: StanceModelFile | null): StanceEngine {
  if (file && file.pack.split('@')[0] === pack.id) {
    const model = new StanceModel(pack, file);
    return { version: model.version, score: (doc) => model.score(doc) };
  }
  const cues = new StanceScorer(pack);
  return { version: 'stance-cues', score: (doc, sentiment) => cues.score(doc, sentiment) };
}

/** Short hash of the pack's cue lists, so a cue edit shows in model_version without a version bump. */
function packFingerprint(pack: TopicPack): string {
  const cues = JSON.stringify([pack.stance_cues, pack.stance_frames, pack.topics, pack.relevance_terms, pack.actor_registry]);
  return createHash('sha256').update(cues).digest('hex').slice(0, 8);
}

export function createAnalyzer(pack: TopicPack, options: AnalyzerOptions = {}): Analyzer {
  const sentiment = options.sentiment ?? createDefaultEngine();
  const stance = createStance(pack, options.stanceModel === undefined ? loadStanceModelFile() : options.stanceModel);
  const topics = new TopicTagger(pack);
  const actor = new ActorClassifier(pack);
  const modelVersion = `rift-nlp/${sentiment.version}+${stance.version}+${pack.id}@${pack.version}.${packFingerprint(pack)}`;

  return {
    modelVersion,
    analyze(input: AnalyzerInput): Analysis {
      // The actor reads the profile through the shared tokenizer buffer, so it runs first.
      const actorResult = actor.classify(input.author);
      const doc = tokenize(typeof input.text === 'string' ? input.text : '');
      const language = detectLanguage(doc);
      const senti = language.lang === 'zh' || language.lang === 'ja' ? sentiment.chinese(doc) : sentiment.english(doc);
      return {
        sentiment: senti,
        stance: stance.score(doc, senti.score),
        topics: topics.tag(doc),
        lang: language.lang,
        actor: actorResult,
        model_version: modelVersion,
      };
    },
  };
}
