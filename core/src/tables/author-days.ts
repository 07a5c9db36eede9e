import { sql, trustedSql } from '../sql.ts';
import { AUTHOR_DAYS_TABLE } from './names.ts';

/** Distinct authors per UTC day, source, actor class and on/off topic, as uniq states (migration 051). */

/**
 * An author: a handle within its source; a post without a handle is its own author. The divide,
 * the per-author trends and author_days_v1 (whose migration spells the same expression) count
 * authors by it.
 */
export const AUTHOR_KEY = trustedSql("if(author_handle = '', concat('post\\0', source, '\\0', id), concat(source, '\\0', author_handle))");

/** The labels of author_days_v1 and how its view computes its state from a post. */
export const AUTHOR_DAYS_LABELS = trustedSql('source, actor, on_topic');
export const AUTHOR_DAYS_STATE = sql`uniqState(${AUTHOR_KEY}) AS authors`;
