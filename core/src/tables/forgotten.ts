import { StoreError, toDateTimeText, type ClickHouse } from '../clickhouse.ts';
import { joinSql, sql, type Sql } from '../sql.ts';
import { FORGOTTEN_TABLE } from './names.ts';

/**
 * The forgotten_v1 table (migration 030): tombstones of forgotten posts, authors and sources.
 * The posts writer asks it about every batch, so that nothing forgotten is stored again.
 */

/** What to forget: one post, an author (in one source, or in all when source is undefined), or a source. */
export type ForgetTarget =
  | { kind: 'post'; source: string; id: string }
  | { kind: 'author'; handle: string; source?: string }
  | { kind: 'source'; source: string };

export interface Tombstone {
  kind: ForgetTarget['kind'];
  source: string;
  id: string;
  author_handle: string;
  posts: number;
  actor: string;
  forgotten_at: string;
}

/** What a tombstone needs to know of a post to match it. */
export interface PostKey {
  source: string;
  id: string;
  author_handle: string;
}

/** Keeps each query well under ClickHouse's default max_query_size (256 KiB). */
const MAX_KEYS_PER_QUERY = 2000;

export async function recordTombstone(clickhouse: ClickHouse, target: ForgetTarget, posts: number, actor: string, at = new Date()): Promise<void> {
  await clickhouse.insert(FORGOTTEN_TABLE, [
    {
      kind: target.kind,
      source: target.source ?? '',
      id: target.kind === 'post' ? target.id : '',
      author_handle: target.kind === 'author' ? target.handle : '',
      posts,
      actor,
      forgotten_at: toDateTimeText(at),
    },
  ]);
}

export async function listTombstones(clickhouse: ClickHouse): Promise<Tombstone[]> {
  const rows = await clickhouse.query<Tombstone & { posts: string; forgotten_at: number }>(sql`
    SELECT toString(kind) AS kind, source, id, author_handle, posts, actor, toUInt32(forgotten_at) AS forgotten_at
    FROM ${clickhouse.table(FORGOTTEN_TABLE)} ORDER BY forgotten_at, kind, source, id, author_handle`);
  return rows.map((r) => ({ ...r, posts: Number(r.posts), forgotten_at: new Date(Number(r.forgotten_at) * 1000).toISOString() }));
}

/** `(source, id) IN ((...), ...)` for a list of posts. */
export function keysCondition(keys: ReadonlyArray<{ source: string; id: string }>): Sql {
  return sql`(source, id) IN (${joinSql(keys.map((k) => sql`(${k.source}, ${k.id})`), ', ')})`;
}

/** ClickHouse's UNKNOWN_TABLE. */
const UNKNOWN_TABLE = '60';

async function readTombstones(clickhouse: ClickHouse, posts: readonly PostKey[]) {
  try {
    return await clickhouse.query<{ kind: string; source: string; id: string; author_handle: string }>(sql`
      SELECT toString(kind) AS kind, source, id, author_handle FROM ${clickhouse.table(FORGOTTEN_TABLE)}
      WHERE kind != 'post' OR ${keysCondition(posts)}`);
  } catch (err) {
    // A database migrated back below 030 has no tombstones: nothing was forgotten in it.
    if (err instanceof StoreError && err.code === UNKNOWN_TABLE) return [];
    throw err;
  }
}

/**
 * Which of `posts` a tombstone matches: one query per 2,000 posts, reading the author and source
 * tombstones (few) and the post tombstones of these posts only.
 */
export async function forgottenAmong(clickhouse: ClickHouse, posts: readonly PostKey[]): Promise<Set<PostKey>> {
  const matched = new Set<PostKey>();
  for (let start = 0; start < posts.length; start += MAX_KEYS_PER_QUERY) {
    const chunk = posts.slice(start, start + MAX_KEYS_PER_QUERY);
    const stones = await readTombstones(clickhouse, chunk);
    if (stones.length === 0) continue;
    const keyOf = (source: string, id: string) => `${source}\u0000${id}`;
    const postStones = new Set(stones.filter((s) => s.kind === 'post').map((s) => keyOf(s.source, s.id)));
    const sources = new Set(stones.filter((s) => s.kind === 'source').map((s) => s.source));
    const authors = stones.filter((s) => s.kind === 'author');
    for (const post of chunk) {
      const hit =
        postStones.has(keyOf(post.source, post.id)) ||
        sources.has(post.source) ||
        (post.author_handle !== '' && authors.some((a) => a.author_handle === post.author_handle && (a.source === '' || a.source === post.source)));
      if (hit) matched.add(post);
    }
  }
  return matched;
}
