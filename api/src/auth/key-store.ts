import { API_KEYS_TABLE, type ClickHouse, recordAudit, sql, toDateTimeText } from '@rift/core';
import { generateKey } from './keys.ts';
import { isRole, type Role } from './roles.ts';

/**
 * The api_keys_v1 table (migration 004): one row per key, the newest version wins.
 *
 * Keys live in ClickHouse rather than Redis because they are configuration, not work in flight:
 * Redis here holds the queue and may be flushed or run without persistence, while ClickHouse is
 * the durable store with migrations and backups. The API reads a key at most once per cache
 * period (key-cache.ts), so ClickHouse's slower point lookups do not matter.
 */

const NAME_MAX = 100;

/** What anyone may see about a key: never the key, never its hash. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  revoked: boolean;
}

/** A key as the authenticator needs it. */
export interface StoredKey extends ApiKeyInfo {
  hash: string;
}

interface KeyRow {
  id: string;
  name: string;
  role: string;
  hash: string;
  created_at: number;
  revoked: number;
  version: number | string;
}

export class KeyStoreError extends Error {
  override name = 'KeyStoreError';
}

function checkName(name: string): string {
  const trimmed = name.trim();
  // A name is for people reading `rift keys list`: printable, one line, short.
  if (!trimmed || trimmed.length > NAME_MAX || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new KeyStoreError(`a key name must be 1 to ${NAME_MAX} printable characters on one line`);
  }
  return trimmed;
}

function info(row: KeyRow): ApiKeyInfo {
  if (!isRole(row.role)) throw new KeyStoreError(`key ${row.id} has an unknown role ${JSON.stringify(row.role)}`);
  return { id: row.id, name: row.name, role: row.role, created_at: new Date(row.created_at * 1000).toISOString(), revoked: row.revoked === 1 };
}

export class ApiKeyStore {
  constructor(private readonly clickhouse: ClickHouse) {}

  private async rows(id?: string): Promise<KeyRow[]> {
    const where = id === undefined ? sql`1` : sql`id = ${id}`;
    return this.clickhouse.query<KeyRow>(sql`
      SELECT id, name, toString(role) AS role, hash, toUInt32(created_at) AS created_at, revoked, version
      FROM ${this.clickhouse.table(API_KEYS_TABLE)} FINAL
      WHERE ${where}
      ORDER BY created_at, id`);
  }

  /** Creates a key; the returned `key` is the only time it exists outside the caller's hands. `actor` is for the audit log. */
  async create(role: Role, name: string, actor = 'cli'): Promise<{ key: string; info: ApiKeyInfo }> {
    if (!isRole(role)) throw new KeyStoreError(`role must be one of viewer, analyst, admin`);
    const clean = checkName(name);
    const { id, key, hash } = generateKey();
    // DateTime keeps whole seconds; the answer states what is stored.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    await this.clickhouse.insert(API_KEYS_TABLE, [
      { id, name: clean, role, hash, created_at: toDateTimeText(now), revoked: 0, revoked_at: toDateTimeText(new Date(0)), version: 1 },
    ]);
    await recordAudit(this.clickhouse, { actor, action: 'create', object_type: 'key', object_id: id, detail: { role, name: clean } });
    return { key, info: { id, name: clean, role, created_at: now.toISOString(), revoked: false } };
  }

  async list(): Promise<ApiKeyInfo[]> {
    return (await this.rows()).map(info);
  }

  /** The key with its hash, for authentication; undefined when there is no such key. */
  async find(id: string): Promise<StoredKey | undefined> {
    const row = (await this.rows(id))[0];
    return row ? { ...info(row), hash: row.hash } : undefined;
  }

  /** Every stored id, revoked ones included: which legacy keys (keys.ts) may be real. */
  async ids(): Promise<string[]> {
    const rows = await this.clickhouse.query<{ id: string }>(sql`SELECT DISTINCT id FROM ${this.clickhouse.table(API_KEYS_TABLE)}`);
    return rows.map((row) => row.id);
  }

  /** Revokes a key; false when there is no such key. Revoking twice is harmless. */
  async revoke(id: string, actor = 'cli'): Promise<boolean> {
    const row = (await this.rows(id))[0];
    if (!row) return false;
    if (row.revoked === 1) return true;
    await this.clickhouse.insert(API_KEYS_TABLE, [
      {
        id: row.id,
        name: row.name,
        role: row.role,
        hash: row.hash,
        created_at: toDateTimeText(new Date(row.created_at * 1000)),
        revoked: 1,
        revoked_at: toDateTimeText(new Date()),
        version: Number(row.version) + 1,
      },
    ]);
    await recordAudit(this.clickhouse, { actor, action: 'revoke', object_type: 'key', object_id: row.id, detail: { role: row.role, name: row.name } });
    return true;
  }
}
