import { type ClickHouse, POSTS_TABLE, SOURCE_HOURLY_TABLE, sql, type Sql, TOPIC_TRENDS_DAILY_TABLE, TOPIC_TRENDS_HOURLY_TABLE, TRENDS_DAILY_TABLE, TRENDS_HOURLY_TABLE } from '@rift/core';
import type { Reconciliation } from '@rift/testing/faults';

/** The fault tests' reconciliation (testing/src/faults.ts), for the posts of one source only. */
export async function reconcileSource(clickhouse: ClickHouse, source: string): Promise<Reconciliation> {
  const one = async (query: Sql) => Number((await clickhouse.query<{ n: string }>(query))[0]?.n ?? 0);
  const rollup = (table: string) => one(sql`SELECT sumMerge(posts) AS n FROM ${clickhouse.table(table)} WHERE source = ${source}`);
  return {
    final: await one(sql`SELECT count() AS n FROM ${clickhouse.table(POSTS_TABLE)} FINAL WHERE source = ${source}`),
    signed: await one(sql`SELECT sum(toInt64(sign)) AS n FROM ${clickhouse.table(POSTS_TABLE)} WHERE source = ${source}`),
    rollup: await rollup(TRENDS_HOURLY_TABLE),
    dailyRollup: await rollup(TRENDS_DAILY_TABLE),
    sourceRollup: await rollup(SOURCE_HOURLY_TABLE),
    topicRollup: await rollup(TOPIC_TRENDS_HOURLY_TABLE),
    dailyTopicRollup: await rollup(TOPIC_TRENDS_DAILY_TABLE),
    topicExpected: await one(sql`SELECT sum(length(topics)) AS n FROM ${clickhouse.table(POSTS_TABLE)} FINAL WHERE sign = 1 AND source = ${source}`),
  };
}
