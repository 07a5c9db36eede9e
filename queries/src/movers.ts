import { type ClickHouse, sql, trustedSql } from '@rift/core';
import { type PostQuery } from './post-query.ts';
import { sliceSql } from './slice.ts';

/**
 * "What moved here": the topics and matched terms whose share of posts rose most in a window
 * against the window of the same length just before it, over the same slice of posts.
 *
 * share = posts in the window having the item / all posts in the window (a post with several
 * items counts for each). rise = share now - share before, in [-1, 1]. Items are ranked by
 * rise, then by count now; only items seen now are listed.
 */

export interface Mover {
  item: string;
  now: number;
  before: number;
  share_now: number;
  share_before: number;
  rise: number;
}

export interface MoversResult {
  window: { from: string; to: string; posts: number };
  previous: { from: string; to: string; posts: number };
  topics: Mover[];
  terms: Mover[];
}

interface ItemRow {
  item: string;
  now: number | string;
  before: number | string;
}

async function itemCounts(clickhouse: ClickHouse, query: PostQuery, split: Date, column: 'topics' | 'matched_terms'): Promise<ItemRow[]> {
  return clickhouse.query<ItemRow>(
    sliceSql(clickhouse, query, {
      select: sql`arrayJoin(${trustedSql(column)}) AS item, countIf(created_at >= ${split}) AS now, countIf(created_at < ${split}) AS before`,
      columns: [column],
      tail: trustedSql('GROUP BY item'),
    }),
  );
}

function rank(rows: ItemRow[], postsNow: number, postsBefore: number, limit: number): Mover[] {
  return rows
    .map((row) => {
      const now = Number(row.now);
      const before = Number(row.before);
      const shareNow = postsNow > 0 ? now / postsNow : 0;
      const shareBefore = postsBefore > 0 ? before / postsBefore : 0;
      return { item: row.item, now, before, share_now: shareNow, share_before: shareBefore, rise: shareNow - shareBefore };
    })
    .filter((m) => m.now > 0)
    .sort((a, b) => b.rise - a.rise || b.now - a.now || a.item.localeCompare(b.item))
    .slice(0, limit);
}

/** `query` must have `from` and `to`: the window; the previous window is the same length before it. */
export async function queryMovers(clickhouse: ClickHouse, query: PostQuery & { from: Date; to: Date }, limit: number): Promise<MoversResult> {
  const previousFrom = new Date(query.from.getTime() - (query.to.getTime() - query.from.getTime()));
  const both = { ...query, from: previousFrom };
  const [totals] = await clickhouse.query<{ now: number | string; before: number | string }>(
    sliceSql(clickhouse, both, {
      select: sql`countIf(created_at >= ${query.from}) AS now, countIf(created_at < ${query.from}) AS before`,
      columns: [],
    }),
  );
  const postsNow = Number(totals?.now ?? 0);
  const postsBefore = Number(totals?.before ?? 0);
  const [topics, terms] = await Promise.all([
    itemCounts(clickhouse, both, query.from, 'topics'),
    itemCounts(clickhouse, both, query.from, 'matched_terms'),
  ]);
  return {
    window: { from: query.from.toISOString(), to: query.to.toISOString(), posts: postsNow },
    previous: { from: previousFrom.toISOString(), to: query.from.toISOString(), posts: postsBefore },
    topics: rank(topics, postsNow, postsBefore, limit),
    terms: rank(terms, postsNow, postsBefore, limit),
  };
}
