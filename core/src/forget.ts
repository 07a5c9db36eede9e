import { POSTS_TABLE } from './tables/names.ts';
import { StoreError, type ClickHouse } from './clickhouse.ts';
import { sql, type Sql } from './sql.ts';
import { recordAudit } from './tables/audit.ts';
import { keysCondition, recordTombstone, type ForgetTarget } from './tables/forgotten.ts';
import { rebuildAuthorDaysMonth } from './tables/rollups.ts';

/**
 * Forgets posts: they leave posts_v1 and every rollup, exactly, and a tombstone keeps them out.
 *
 * 1. The tombstone is written first, so the posts writer stops storing matching posts at once.
 * 2. For every stored match, a copy with sign -1 (and a higher version) is inserted: the rollups'
 *    materialized views subtract exactly what they once added, and FINAL reads see the -1 row,
 *    which every reader skips (sign = 1), until step 3 has run.
 * 3. The rows themselves (text, author, payload) are deleted from posts_v1 by a mutation
 *    (`ALTER TABLE ... DELETE`, on 18.16 and current releases alike), named by their keys, so
 *    that only rows that were subtracted are removed; the call waits until it is done.
 * 4. The months of author_days_v1 that held them are recomputed: a distinct count cannot subtract.
 * A batch already past the writer's tombstone check when step 1 ran is caught by a second look.
 */

const KEYS_PER_MUTATION = 2000;
const MUTATION_TIMEOUT_MS = 10 * 60_000;

export class ForgetError extends Error {
  override name = 'ForgetError';
}

interface StoredMatch {
  source: string;
  id: string;
  created_at: string;
  /** Kept on the -1 copy: author_periods_v1 subtracts the post from its author. */
  author_handle: string;
  actor: string;
  stance: string;
  sentiment: string;
  lang: string;
  sentiment_score: number;
  topics: string[];
  model_version: string;
  synthetic: number;
  /** Kept on the -1 copy: the rollups file an off-topic post under its own label, and must subtract it there. */
  on_topic: number;
  version: string | number;
}

function checkTarget(target: ForgetTarget): void {
  const blank = (s: string | undefined) => s === undefined || s.trim() === '';
  if (target.kind === 'post' && (blank(target.source) || blank(target.id))) throw new ForgetError('forgetting a post needs its source and id');
  if (target.kind === 'author' && blank(target.handle)) throw new ForgetError('forgetting an author needs the handle');
  if (target.kind === 'source' && blank(target.source)) throw new ForgetError('forgetting a source needs its name');
}

function targetCondition(target: ForgetTarget): Sql {
  if (target.kind === 'post') return sql`source = ${target.source} AND id = ${target.id}`;
  if (target.kind === 'source') return sql`source = ${target.source}`;
  return target.source === undefined ? sql`author_handle = ${target.handle}` : sql`author_handle = ${target.handle} AND source = ${target.source}`;
}

async function storedMatches(clickhouse: ClickHouse, where: Sql): Promise<StoredMatch[]> {
  // sign is the newest row's, so it is read outside FINAL; the key columns are safe inside.
  return clickhouse.query<StoredMatch>(sql`
    SELECT source, id, toString(created_at) AS created_at, author_handle, toString(actor) AS actor, toString(stance) AS stance,
           toString(sentiment) AS sentiment, lang, sentiment_score, topics, model_version, synthetic, on_topic, toUInt64(version) AS version
    FROM (SELECT * FROM ${clickhouse.table(POSTS_TABLE)} FINAL WHERE ${where})
    WHERE sign = 1`);
}

async function waitForMutations(clickhouse: ClickHouse, pollMs: number): Promise<void> {
  const deadline = Date.now() + MUTATION_TIMEOUT_MS;
  for (;;) {
    const rows = await clickhouse.query<{ n: string }>(sql`
      SELECT count() AS n FROM system.mutations WHERE database = ${clickhouse.database} AND table = ${POSTS_TABLE} AND is_done = 0`);
    if (Number(rows[0]?.n ?? 0) === 0) return;
    if (Date.now() > deadline) throw new StoreError('the deletion from posts_v1 is still running after 10 minutes; it goes on in ClickHouse (system.mutations)', true);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function subtractAndDelete(clickhouse: ClickHouse, matches: StoredMatch[], pollMs: number): Promise<void> {
  for (let start = 0; start < matches.length; start += KEYS_PER_MUTATION) {
    const chunk = matches.slice(start, start + KEYS_PER_MUTATION);
    await clickhouse.insert(
      POSTS_TABLE,
      chunk.map((m) => ({ ...m, version: Number(m.version) + 1, sign: -1 })),
    );
    await clickhouse.command(sql`ALTER TABLE ${clickhouse.table(POSTS_TABLE)} DELETE WHERE ${keysCondition(chunk)}`);
  }
  await waitForMutations(clickhouse, pollMs);
}

/** Forgets what `target` names; answers how many stored posts left. `actor` says who asked (a key id, "cli"). */
export async function forgetPosts(clickhouse: ClickHouse, target: ForgetTarget, actor: string, options: { pollMs?: number } = {}): Promise<{ posts: number }> {
  checkTarget(target);
  const where = targetCondition(target);
  const pollMs = options.pollMs ?? 100;
  let matches = await storedMatches(clickhouse, where);
  await recordTombstone(clickhouse, target, matches.length, actor);
  let posts = 0;
  const months = new Set<number>();
  for (let round = 0; round < 3 && matches.length > 0; round++) {
    posts += matches.length;
    for (const m of matches) months.add(Number(m.created_at.slice(0, 7).replace('-', '')));
    await subtractAndDelete(clickhouse, matches, pollMs);
    matches = await storedMatches(clickhouse, where);
  }
  for (const month of months) await rebuildAuthorDaysMonth(clickhouse, month);
  if (matches.length > 0) throw new StoreError(`${matches.length} matching posts were still being written; run the same forget again`, true);
  const objectId = target.kind === 'post' ? `${target.source}/${target.id}` : target.kind === 'author' ? `author:${target.handle}` : `source:${target.source}`;
  await recordAudit(clickhouse, { actor, action: 'forget', object_type: 'posts', object_id: objectId, detail: { ...target, posts } });
  return { posts };
}
