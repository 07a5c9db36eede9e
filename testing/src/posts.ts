import type { ActorClass, SentimentLabel, StanceLabel } from '@rift/core';

/** The fields a test cares about; every other posts_v1 column gets a plain default. */
export interface TestPost {
  id: string;
  created_at: string;
  actor: ActorClass;
  stance: StanceLabel;
  sentiment: SentimentLabel;
  sentiment_score: number;
  topics?: string[];
  lang?: string;
  source?: string;
  synthetic?: boolean;
  model_version?: string;
  version?: number;
  sign?: 1 | -1;
  /** The author's handle; each post is its own author unless set. */
  author?: string;
  /** A post that mentions none of the pack's relevance terms (no matched_terms). */
  offTopic?: boolean;
}

/** A posts_v1 row for `clickhouse.insert`, with `created_at` as UTC text (the column is UTC). */
export function postRow(post: TestPost): Record<string, unknown> {
  return {
    source: post.source ?? 'demo',
    id: post.id,
    url: `https://example.test/${post.id}`,
    author_handle: post.author ?? `author-${post.id}`,
    author_name: '',
    author_description: '',
    author_verified_domain: '',
    created_at: post.created_at.replace('T', ' ').replace(/(\.\d+)?Z$/, ''),
    text: `test post ${post.id}`,
    text_truncated: 0,
    lang: post.lang ?? 'en',
    likes: 0,
    reposts: 0,
    replies: 0,
    matched_terms: post.offTopic ? [] : ['tiktok'],
    on_topic: post.offTopic ? 0 : 1,
    synthetic: post.synthetic === false ? 0 : 1,
    raw: '{}',
    sentiment: post.sentiment,
    sentiment_score: post.sentiment_score,
    sentiment_confidence: 0.9,
    stance: post.stance,
    stance_confidence: 0.9,
    topics: post.topics ?? [],
    actor: post.actor,
    actor_confidence: 0.9,
    model_version: post.model_version ?? 'lexicon-1',
    fingerprint: `fp-${post.id}`,
    ingested_at: '2024-07-01 00:00:00',
    version: post.version ?? 1,
    sign: post.sign ?? 1,
  };
}
