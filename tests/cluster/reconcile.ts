import { type ClickHouse, sql, type Sql } from '@rift/core';
import type { Reconciliation } from '@rift/testing/faults';

/** The fault tests' reconciliation (testing/src/faults.ts), for the posts of one source only. */
export async function reconcileSource(clickhouse: ClickHouse, source: string): Promise<Reconciliation> {
  const one = async (query: Sql) => Number((await clickhouse.query<{ n: string }>(query))[0]?.n ?? 0);
  const rollup = (table: string) => one(sql`SELECT sumMerge(posts) AS n FROM ${clickhouse.table(table)} WHERE source = ${source}`);
  return {
    final: await one(sql`SELECT count() AS n FROM ${clickhouse.table('posts_v1')} FINAL WHERE source = ${source}`),
    signed: await one(sql`SELECT sum(toInt64(sign)) AS n FROM ${clickhouse.table('posts_v1')} WHERE source = ${source}`),
    rollup: await rollup('trends_hourly_v1'),
    dailyRollup: await rollup('trends_daily_v1'),
    sourceRollup: await rollup('source_hourly_v1'),
    topicRollup: await rollup('topic_trends_hourly_v1'),
    dailyTopicRollup: await rollup('topic_trends_daily_v1'),
    topicExpected: await one(sql`SELECT sum(length(topics)) AS n FROM ${clickhouse.table('posts_v1')} FINAL WHERE sign = 1 AND source = ${source}`),
  };
}
