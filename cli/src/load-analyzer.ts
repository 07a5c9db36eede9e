/** Builds the analyzer the commands use, from the configured (or given) topic pack. */
import { loadConfig, loadTopicPack } from '@rift/core';
import { createAnalyzer, type Analyzer } from '@rift/analyze';

export function loadAnalyzer(packPath?: string): Analyzer {
  return createAnalyzer(loadTopicPack(packPath ?? loadConfig().RIFT_TOPIC_PACK));
}
