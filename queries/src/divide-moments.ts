import { AUTHOR_KEY, type ClickHouse, identifier, joinSql, sql, type Sql, trustedSql } from '@rift/core';
import { LANGUAGE_GROUPS, VECTOR_LENGTH, VECTOR_STANCES, type AuthorMoments } from './stats/clustered.ts';
import { type PostQuery } from './post-query.ts';
import { sliceSql } from './slice.ts';
import { type DivideReadPath, divideReadPath, rollupAuthorsSql, rollupModelVersionsSql } from './divide-rollup.ts';

/**
 * The per-author sums of one slice, per side of the divide, computed in ClickHouse: the posts are
 * grouped by author (inner query; from author_periods_v1 where divide-rollup.ts says it can answer,
 * from the stored posts otherwise), each author becomes the vector of stats/clustered.ts, and the
 * outer query sums the vectors, their products and their per-author averages over the authors of
 * each side, as plain columns (each product once). Node only gets a few hundred numbers per side, whatever the number of posts.
 *
 * An author is a handle within its source; a post without a handle is its own author. Posts off
 * topic are counted per side (posts and authors) and left out of every sum.
 */

export interface SideMoments extends AuthorMoments {
  offTopicPosts: number;
  offTopicAuthors: number;
}

const GROUP = trustedSql("multiIf(lang = 'en', 0, lang = 'zh', 1, 2)");

/** The author's vector as columns v0..v9: on-topic posts per (language group, stance), then the sum of their scores. */
function vectorColumns(): Sql {
  const counts = LANGUAGE_GROUPS.flatMap((_, g) =>
    VECTOR_STANCES.map((stance) => sql`toFloat64(countIf(on_topic = 1 AND ${GROUP} = ${g} AND stance = ${stance}))`),
  );
  const values = [...counts, trustedSql('sumIf(toFloat64(sentiment_score), on_topic = 1)')];
  return joinSql(values.map((value, i) => sql`${value} AS ${identifier(`v${i}`)}`), ', ');
}

const N = VECTOR_LENGTH;
const INDICES = Array.from({ length: N }, (_, i) => i);

/** Each author's averages s0..s9 beside its sums (an author without on-topic posts averages 0). */
const AVERAGES = joinSql(
  INDICES.map((i) => sql`if(m > 0, ${identifier(`v${i}`)} / m, 0) AS ${identifier(`s${i}`)}`),
  ', ',
);

function postAuthorsSql(clickhouse: ClickHouse, query: PostQuery): Sql {
  return sliceSql(clickhouse, query, {
    select: sql`toString(actor) AS side, ${AUTHOR_KEY} AS author, toFloat64(countIf(on_topic = 1)) AS m, countIf(on_topic = 0) AS off, ${vectorColumns()}`,
    columns: ['sentiment_score', 'author_handle'],
    outerWhere: trustedSql("actor IN ('public', 'us_government')"),
    tail: trustedSql('GROUP BY side, author'),
  });
}
/** Each product once (i <= j): ClickHouse 18.16 is slow at array lambdas, fast at plain sums. */
const PAIRS = INDICES.flatMap((i) => INDICES.filter((j) => j >= i).map((j) => [i, j] as const));
const column = (prefix: string, i: number) => identifier(`${prefix}${i}`);

function sumsSql(): Sql {
  const parts: Sql[] = [];
  for (const i of INDICES) parts.push(sql`sum(${column('v', i)}) AS ${column('sv', i)}`, sql`sum(${column('v', i)} * m) AS ${column('svm', i)}`, sql`sum(${column('s', i)}) AS ${column('ss', i)}`);
  for (const [i, j] of PAIRS) {
    parts.push(sql`sum(${column('v', i)} * ${column('v', j)}) AS ${identifier(`svv${i}_${j}`)}`, sql`sum(${column('s', i)} * ${column('s', j)}) AS ${identifier(`sss${i}_${j}`)}`);
  }
  return joinSql(parts, ', ');
}

/** A symmetric matrix, row-major, from its sums over i <= j. */
function symmetric(row: Record<string, unknown>, prefix: string): number[] {
  const out = new Array<number>(N * N).fill(0);
  for (const [i, j] of PAIRS) out[i * N + j] = out[j * N + i] = Number(row[`${prefix}${i}_${j}`]);
  return out;
}

/** `from` chooses where the authors' sums come from; both give the same answer where the rollup answers (divide-rollup.test.ts). */
export async function queryDivideMoments(clickhouse: ClickHouse, query: PostQuery, from: DivideReadPath = divideReadPath(query)): Promise<Map<string, SideMoments>> {
  const authors = from === 'rollup' ? rollupAuthorsSql(clickhouse, query) : postAuthorsSql(clickhouse, query);
  const rows = await clickhouse.query<Record<string, unknown>>(sql`
    SELECT side, countIf(m > 0) AS k, sum(m) AS posts, sum(off) AS off_posts, countIf(off > 0) AS off_authors,
           sum(m * m) AS smm, ${sumsSql()}
    FROM (SELECT *, ${AVERAGES} FROM (${authors}))
    GROUP BY side`);
  const sides = new Map<string, SideMoments>();
  for (const r of rows) {
    const vector = (prefix: string) => INDICES.map((i) => Number(r[`${prefix}${i}`]));
    sides.set(String(r.side), {
      k: Number(r.k),
      posts: Number(r.posts),
      sv: vector('sv'),
      svv: symmetric(r, 'svv'),
      svm: vector('svm'),
      smm: Number(r.smm),
      ss: vector('ss'),
      sss: symmetric(r, 'sss'),
      offTopicPosts: Number(r.off_posts),
      offTopicAuthors: Number(r.off_authors),
    });
  }
  return sides;
}

/** The model versions that scored the on-topic posts of the divide's sides, most posts first. */
export async function queryDivideModelVersions(clickhouse: ClickHouse, query: PostQuery, from: DivideReadPath = divideReadPath(query)): Promise<string[]> {
  if (from === 'rollup') return (await clickhouse.query<{ model_version: string }>(rollupModelVersionsSql(clickhouse, query))).map((r) => r.model_version);
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
