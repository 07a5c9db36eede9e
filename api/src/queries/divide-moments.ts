import type { ClickHouse } from '@rift/core/clickhouse';
import { joinSql, sql, trustedSql, type Sql } from '@rift/core/sql';
import { LANGUAGE_GROUPS, VECTOR_LENGTH, VECTOR_STANCES, type AuthorMoments } from '../stats/clustered.ts';
import { sliceSql, type PostQuery } from './posts.ts';

/**
 * The per-author sums of one slice, per side of the divide, computed in ClickHouse: the posts are
 * grouped by author (inner query), each author becomes the vector of stats/clustered.ts, and the
 * outer query sums the vectors, their products and their per-author averages over the authors of
 * each side. Node only gets a few hundred numbers per side, whatever the number of posts.
 *
 * An author is a handle within its source; a post without a handle is its own author. Posts off
 * topic are counted per side (posts and authors) and left out of every sum.
 */

export interface SideMoments extends AuthorMoments {
  offTopicPosts: number;
  offTopicAuthors: number;
}

/** An author: a handle within its source; a post without a handle is its own author. */
export const AUTHOR_KEY = trustedSql("if(author_handle = '', concat('post\\0', source, '\\0', id), concat(source, '\\0', author_handle))");
const GROUP = trustedSql("multiIf(lang = 'en', 0, lang = 'zh', 1, 2)");

/** The author's vector: on-topic posts per (language group, stance), then the sum of their scores. */
function vectorSql(): Sql {
  const counts = LANGUAGE_GROUPS.flatMap((_, g) =>
    VECTOR_STANCES.map((stance) => sql`toFloat64(countIf(on_topic = 1 AND ${GROUP} = ${g} AND stance = ${stance}))`),
  );
  return sql`[${joinSql([...counts, trustedSql('sumIf(toFloat64(sentiment_score), on_topic = 1)')], ', ')}]`;
}

const N = VECTOR_LENGTH;
const outer = (vector: string) => trustedSql(`arrayMap(i -> ${vector}[intDiv(i, ${N}) + 1] * ${vector}[i % ${N} + 1], range(${N * N}))`);

export async function queryDivideMoments(clickhouse: ClickHouse, query: PostQuery): Promise<Map<string, SideMoments>> {
  const authors = sliceSql(clickhouse, query, {
    select: sql`toString(actor) AS side, ${AUTHOR_KEY} AS author, toFloat64(countIf(on_topic = 1)) AS m,
      countIf(on_topic = 0) AS off,
      ${vectorSql()} AS v, arrayMap(x -> if(m > 0, x / m, 0), v) AS s`,
    columns: ['sentiment_score', 'author_handle'],
    outerWhere: trustedSql("actor IN ('public', 'us_government')"),
    tail: trustedSql('GROUP BY side, author'),
  });
  const rows = await clickhouse.query<Record<string, unknown>>(sql`
    SELECT side, countIf(m > 0) AS k, sum(m) AS posts, sum(off) AS off_posts, countIf(off > 0) AS off_authors,
           sumForEach(v) AS sv, sumForEach(${outer('v')}) AS svv, sumForEach(arrayMap(x -> x * m, v)) AS svm, sum(m * m) AS smm,
           sumForEach(s) AS ss, sumForEach(${outer('s')}) AS sss
    FROM (${authors})
    GROUP BY side`);
  const sides = new Map<string, SideMoments>();
  for (const r of rows) {
    sides.set(String(r.side), {
      k: Number(r.k),
      posts: Number(r.posts),
      sv: (r.sv as number[]).map(Number),
      svv: (r.svv as number[]).map(Number),
      svm: (r.svm as number[]).map(Number),
      smm: Number(r.smm),
      ss: (r.ss as number[]).map(Number),
      sss: (r.sss as number[]).map(Number),
      offTopicPosts: Number(r.off_posts),
      offTopicAuthors: Number(r.off_authors),
    });
  }
  return sides;
}

/** The model versions that scored the on-topic posts of the divide's sides, most posts first. */
export async function queryDivideModelVersions(clickhouse: ClickHouse, query: PostQuery): Promise<string[]> {
  const rows = await clickhouse.query<{ model_version: string }>(
    sliceSql(clickhouse, query, {
      select: trustedSql('model_version, count() AS n'),
      columns: ['model_version'],
      outerWhere: trustedSql("actor IN ('public', 'us_government') AND on_topic = 1"),
      tail: trustedSql('GROUP BY model_version ORDER BY n DESC, model_version'),
    }),
  );
  return rows.map((r) => r.model_version);
}
