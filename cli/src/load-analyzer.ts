/** Builds the analyzer the commands use, from the configured (or given) topic pack. */
import { loadConfig } from '@rift/core/config';
import { loadTopicPack } from '@rift/core/topic-pack';
import { createAnalyzer, type Analyzer } from '@rift/analyze';

export function loadAnalyzer(packPath?: string): Analyzer {
  return createAnalyzer(loadTopicPack(packPath ?? loadConfig().RIFT_TOPIC_PACK));
}
