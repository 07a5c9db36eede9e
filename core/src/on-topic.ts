import { trustedSql } from './sql.ts';

/**
 * Whether a post is about the topic pack's subject. The shared relevance step (ingest's
 * RelevanceFilter) records the pack's relevance terms a post mentions in `matched_terms`; a post
 * that mentions none (a file import keeps every row the researcher chose) is off topic. Stance is
 * measured only among on-topic posts: an off-topic post is not a neutral one. Migration 011 gives
 * rows stored before it the same rule, as the column's DEFAULT.
 */
export function isOnTopic(post: { matched_terms: readonly string[] }): 0 | 1 {
  return post.matched_terms.length > 0 ? 1 : 0;
}

/**
 * The stance label a post is counted under in the trend rollups (migration 011's views): its
 * stance when on topic, 'off_topic' otherwise. The rebuild of a rollup month uses the same.
 */
export const ROLLUP_STANCE_SQL = trustedSql(
  "CAST(if(on_topic = 1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4))",
);
