import { toDateTimeText, type ClickHouse } from '../clickhouse.ts';
import { sql } from '../sql.ts';
import { AUDIT_LOG_TABLE } from './names.ts';

/** The audit_log_v1 table (migration 031): every change to keys, rules, views, validation runs and posts. */

export const AUDITED_OBJECTS = ['key', 'rule', 'view', 'validation', 'posts'] as const;
export type AuditedObject = (typeof AUDITED_OBJECTS)[number];

export interface AuditEntry {
  actor: string;
  action: 'create' | 'update' | 'delete' | 'revoke' | 'forget';
  object_type: AuditedObject;
  object_id: string;
  /** A short JSON object of what else matters (a key's role, a rule's name); never a secret. */
  detail?: Record<string, unknown>;
}

export interface StoredAuditEntry extends Required<AuditEntry> {
  at: string;
}

export async function recordAudit(clickhouse: ClickHouse, entry: AuditEntry, at = new Date()): Promise<void> {
  await clickhouse.insert(AUDIT_LOG_TABLE, [{ at: toDateTimeText(at), ...entry, detail: JSON.stringify(entry.detail ?? {}) }]);
}

/** Newest first; `type` keeps one kind of object. */
export async function listAudit(clickhouse: ClickHouse, options: { limit?: number; type?: AuditedObject } = {}): Promise<StoredAuditEntry[]> {
  const where = options.type ? sql`object_type = ${options.type}` : sql`1`;
  const rows = await clickhouse.query<Omit<StoredAuditEntry, 'at' | 'detail'> & { at: number; detail: string }>(sql`
    SELECT toUInt32(at) AS at, actor, action, object_type, object_id, detail FROM ${clickhouse.table(AUDIT_LOG_TABLE)}
    WHERE ${where} ORDER BY at DESC, object_type, object_id LIMIT ${options.limit ?? 100}`);
  return rows.map((r) => ({ ...r, at: new Date(Number(r.at) * 1000).toISOString(), detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
