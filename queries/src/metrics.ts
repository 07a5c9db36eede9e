import { trustedSql, type Sql } from '@rift/core';

/**
 * Every trend metric: its plain-English definition and its SQL, side by side, so what users
 * read is what the query computes.
 *
 * The SQL runs over rows that are already merged to one row per time and label combination with
 * the finalized columns `post_count`, `sentiment_total` and the label columns it names (see trends.ts). The
 * expression is aggregated over one (bucket, series) group. `post_count` is never 0 in such a group,
 * so the divisions are safe.
 *
 * Off-topic is not neutral: the rollups count a post that mentions none of the topic pack's
 * relevance terms under the stance 'off_topic' (migration 011), and every share and mean here is
 * over on-topic posts only (`ON_TOPIC_POSTS`); a point's n counts those, and its n_off_topic the
 * posts left out. Volume counts every post.
 */
export interface MetricDefinition {
  definition: string;
  /** Aggregate expression over the merged rollup rows of one bucket and series. */
  expression: Sql;
  /** The label columns the expression reads, besides post_count and sentiment_total. */
  labels?: readonly ('stance' | 'sentiment')[];
  /** The posts a point is computed over (its n); the rows' on-topic posts unless set. */
  counted?: Sql;
  /**
   * unit=author (author-trends.ts): each on-topic post's value, averaged per author, then over
   * authors. Over rows with the rollups' labels (stance 'off_topic' off topic) and sentiment_score.
   * Volume per author counts distinct authors instead; a metric without it has no per-author form.
   */
  perPost?: Sql;
  /**
   * Set for shares of the source's posts. The expression then reads one (bucket, series) row with
   * `n`, the series' posts, and `denominator`, every post of the same source(s) in the bucket
   * (sourceShareSql in trends.ts); each point carries both.
   */
  denominator?: 'source_posts';
}

/** On-topic posts of the merged rows: the denominator of every share and mean. */
const ON_TOPIC_POSTS = "sumIf(post_count, stance != 'off_topic')";
export const ON_TOPIC_COUNT = trustedSql(ON_TOPIC_POSTS);
export const OFF_TOPIC_COUNT = trustedSql("sumIf(post_count, stance = 'off_topic')");

export const METRICS = {
  volume: {
    definition: 'Number of posts in the bucket, on topic or not (n_off_topic says how many are off topic).',
    expression: trustedSql('toFloat64(sum(post_count))'),
    labels: ['stance'],
    counted: trustedSql('sum(post_count)'),
  },
  sentiment_mean: {
    definition:
      'Mean sentiment score of the on-topic posts in the bucket, from -1 (most negative) to +1 (most positive); 0 is neutral.',
    expression: trustedSql(`sumIf(sentiment_total, stance != 'off_topic') / ${ON_TOPIC_POSTS}`),
    labels: ['stance'],
    perPost: trustedSql('toFloat64(sentiment_score)'),
  },
  stance_oppose_share: {
    definition:
      'Share of the on-topic posts in the bucket whose stance is "oppose_ban" (against banning TikTok), from 0 to 1. Neutral posts count in the denominator; off-topic posts do not.',
    expression: trustedSql(`sumIf(post_count, stance = 'oppose_ban') / ${ON_TOPIC_POSTS}`),
    labels: ['stance'],
    perPost: trustedSql("toFloat64(stance = 'oppose_ban')"),
  },
  stance_support_share: {
    definition:
      'Share of the on-topic posts in the bucket whose stance is "support_ban" (for banning TikTok), from 0 to 1. Neutral posts count in the denominator; off-topic posts do not.',
    expression: trustedSql(`sumIf(post_count, stance = 'support_ban') / ${ON_TOPIC_POSTS}`),
    labels: ['stance'],
    perPost: trustedSql("toFloat64(stance = 'support_ban')"),
  },
  sentiment_positive_share: {
    definition: 'Share of the on-topic posts in the bucket whose sentiment label is "positive", from 0 to 1.',
    expression: trustedSql(`sumIf(post_count, sentiment = 'positive' AND stance != 'off_topic') / ${ON_TOPIC_POSTS}`),
    labels: ['sentiment', 'stance'],
    perPost: trustedSql("toFloat64(sentiment = 'positive')"),
  },
  sentiment_negative_share: {
    definition: 'Share of the on-topic posts in the bucket whose sentiment label is "negative", from 0 to 1.',
    expression: trustedSql(`sumIf(post_count, sentiment = 'negative' AND stance != 'off_topic') / ${ON_TOPIC_POSTS}`),
    labels: ['sentiment', 'stance'],
    perPost: trustedSql("toFloat64(sentiment = 'negative')"),
  },
  volume_share_of_source: {
    definition:
      "Posts in the bucket that match the filters, divided by all posts from the same source(s) in the bucket, from 0 to 1. " +
      "Grouped by source, each source's posts are divided by that source's own posts; otherwise the denominator is every post " +
      'from the sources in the source filter (all sources when there is none), whatever the other filters say. ' +
      'n is the numerator; each point also gives the denominator. A bucket with posts from the source(s) but none of the series has no point: ' +
      'read its share as 0. Under a filter on several topics a post with two of them counts twice in n, so a share can pass 1.',
    expression: trustedSql('n / denominator'),
    denominator: 'source_posts',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;

export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** A metric's n over merged rows: what it says it counts, or the on-topic posts. */
export function countedSql(metric: MetricDefinition): Sql {
  return metric.counted ?? ON_TOPIC_COUNT;
}
