/**
 * Builds the analyzer the commands use, from the configured (or given) topic pack. Through the
 * named doors that load the analysis alone, so `rift analyze` starts without the clients and queues.
 */
import { loadConfig, loadTopicPack, type TopicPack } from '@rift/core/pack-setup';
import { createAnalyzer, type Analyzer } from '@rift/analyze/scoring';

export function loadPack(packPath?: string): TopicPack {
  return loadTopicPack(packPath ?? loadConfig().RIFT_TOPIC_PACK);
}

export function loadAnalyzer(packPath?: string): Analyzer {
  return createAnalyzer(loadPack(packPath));
}
