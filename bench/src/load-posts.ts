/**
 * Loads many plausible posts straight into posts_v1 with INSERT ... SELECT FROM numbers(), so
 * the materialized views fill the rollups exactly as real inserts do, at ClickHouse's own speed.
 * Posts are spread evenly over 2024-2025 (two years), from five sources, mostly public voices.
 */
import { readFileSync } from 'node:fs';
import { loadConfig, loadTopicPack, POSTS_TABLE, sql, trustedSql } from '@rift/core';
import type { BenchContext } from './context.ts';

export const LOAD_START = Date.UTC(2024, 0, 1);
export const LOAD_SPAN_SECONDS = 2 * 365 * 86_400;
/** Rows per INSERT: 250,000 at once passed the client's 60 s timeout on a busy machine once the views included author_periods_v1. */
const CHUNK = 100_000;

const loaded = new WeakMap<object, number>();

/** Strings as a ClickHouse array literal; only constants of this file and the pack's topic ids reach it. */
function arrayLiteral(values: readonly string[]): string {
  for (const v of values) if (!/^[A-Za-z0-9_ .,#=+@"()-]*$/.test(v)) throw new Error(`unexpected character in ${v}`);
  return `[${values.map((v) => `'${v}'`).join(', ')}]`;
}

/** The model version of the shipped stance confusion matrix: the divide corrects these posts as it corrects the current model's. */
function shippedModelVersion(): string {
  const file = loadConfig({}).RIFT_STANCE_CONFUSION_FILE;
  return String((JSON.parse(readFileSync(file, 'utf8')) as { model_version: unknown }).model_version);
}

function chunkSql(database: string, offset: number, count: number, topics: readonly string[]): string {
  const texts = arrayLiteral([
    'The TikTok ban is about national security',
    '=HYPERLINK("x") tiktok formula cell',
    '"Quoted" opinion on TikTok, with a comma',
    '-5 reasons the TikTok ban is wrong',
    '@congress keep your hands off tiktok',
    'Moving to RedNote after the TikTok ban #tiktokrefugee',
  ]);
  // Actors weighted like the demo corpus: mostly public voices.
  const actors = arrayLiteral(['public', 'public', 'public', 'public', 'public', 'public', 'public', 'public', 'public', 'public', 'public', 'public', 'public', 'public', 'public', 'us_government', 'us_government', 'media', 'company', 'foreign_government']);
  return `
INSERT INTO ${database}.posts_v1
SELECT
  ${arrayLiteral(['bluesky', 'reddit', 'mastodon', 'hackernews', 'rss'])}[h % 5 + 1] AS source,
  concat('bench-', toString(n)) AS id,
  concat('https://bench.rift.invalid/post/', toString(n)) AS url,
  concat('user', toString(h % 100000)) AS author_handle,
  concat('User ', toString(h % 100000)) AS author_name,
  '' AS author_description, '' AS author_verified_domain,
  toDateTime(${LOAD_START / 1000} + h2 % ${LOAD_SPAN_SECONDS}, 'UTC') AS created_at,
  concat(${texts}[h % 6 + 1], ' ', toString(n)) AS text,
  0 AS text_truncated,
  '' AS context_text,
  ${arrayLiteral(['en', 'en', 'en', 'en', 'en', 'en', 'en', 'zh', 'zh', 'es'])}[h3 % 10 + 1] AS lang,
  toUInt32(h % 5000) AS likes, toUInt32(h % 700) AS reposts, toUInt32(h % 300) AS replies,
  ['tiktok'] AS matched_terms,
  1 AS synthetic, emptyArrayString() AS missing_fields, '' AS raw,
  ${arrayLiteral(['negative', 'neutral', 'positive'])}[h3 % 3 + 1] AS sentiment,
  toFloat32((h3 % 2001) / 1000 - 1) AS sentiment_score,
  toFloat32(0.5 + (h3 % 500) / 1000) AS sentiment_confidence,
  ${arrayLiteral(['support_ban', 'oppose_ban', 'oppose_ban', 'neutral'])}[(h3 / 3) % 4 + 1] AS stance,
  toFloat32(0.4 + (h % 600) / 1000) AS stance_confidence,
  arraySlice(${arrayLiteral(topics)}, h3 % ${topics.length} + 1, (h3 / 7) % 3) AS topics,
  ${actors}[h2 % 20 + 1] AS actor,
  toFloat32(0.9) AS actor_confidence,
  ${sql`${shippedModelVersion()}`.text} AS model_version,
  toString(h) AS fingerprint,
  concat(source, ':', id) AS copy_cluster,
  '' AS copy_hash,
  now() AS ingested_at,
  toUInt64(0) AS version,
  toInt8(1) AS sign,
  toUInt8(1) AS on_topic
FROM (SELECT number + ${offset} AS n, intHash64(n) AS h, intHash32(n) AS h2, intHash32(n + 1) AS h3 FROM system.numbers LIMIT ${count})`;
}

/** Loads `count` posts into a freshly migrated database, once per run; returns the load rate. */
export async function ensureLoadedPosts(ctx: BenchContext, count: number): Promise<{ rowsPerSecond?: number }> {
  if (loaded.get(ctx.services) === count) return {};
  await ctx.services.resetDatabase();
  const topics = Object.keys(loadTopicPack(loadConfig({}).RIFT_TOPIC_PACK).topics);
  ctx.log(`loading ${count.toLocaleString('en-US')} generated posts into posts_v1 (rollups fill through the views)`);
  const started = performance.now();
  for (let offset = 0; offset < count; offset += CHUNK) {
    await ctx.services.clickhouse.command(trustedSql(chunkSql(ctx.services.database, offset, Math.min(CHUNK, count - offset), topics)));
    const done = Math.min(count, offset + CHUNK);
    if (count > CHUNK && done % 1_000_000 === 0) ctx.log(`  ${done.toLocaleString('en-US')} rows`);
  }
  const rowsPerSecond = count / ((performance.now() - started) / 1000);
  const [row] = await ctx.services.clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${ctx.services.clickhouse.table(POSTS_TABLE)}`);
  if (Number(row?.n) !== count) throw new Error(`load: expected ${count} rows in posts_v1, found ${row?.n}`);
  loaded.set(ctx.services, count);
  return { rowsPerSecond };
}

export function loadSize(quick: boolean): number {
  return quick ? 200_000 : 10_000_000;
}
