/** Builds the analyzer the commands use, from the configured (or given) topic pack. */
import { loadConfig } from '@rift/core/config';
import { loadTopicPack } from '@rift/core/topic-pack';
import type { Analyzer } from '../analyzer.ts';
import { createAnalyzer } from '../nlp/index.ts';

export function loadAnalyzer(packPath?: string): Analyzer {
  return createAnalyzer(loadTopicPack(packPath ?? loadConfig().RIFT_TOPIC_PACK));
}
