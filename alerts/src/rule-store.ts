import { randomBytes, randomUUID } from 'node:crypto';
import { ALERT_RULES_TABLE, type ClickHouse, nextVersion, sql, toDateTimeText, wholeSeconds } from '@rift/core';
import type { AlertRule, RuleSpec } from './rule.ts';

/**
 * Alert rules in alert_rules_v1. An edit or a delete inserts a newer version of the row;
 * ReplacingMergeTree keeps the newest and reads use FINAL, so the table is the whole truth.
 */


function row(rule: AlertRule, deleted: boolean) {
  return {
    id: rule.id,
    rule: JSON.stringify(rule),
    created_at: toDateTimeText(new Date(rule.created_at)),
    updated_at: toDateTimeText(new Date(rule.updated_at)),
    deleted: deleted ? 1 : 0,
    version: nextVersion(),
  };
}

/** A webhook gets a signing secret even when none was given: every webhook body is signed. */
function withSecret(spec: RuleSpec, previous?: AlertRule): RuleSpec {
  const webhook = spec.channels.webhook;
  if (!webhook || webhook.secret) return spec;
  const secret = previous?.channels.webhook?.secret ?? randomBytes(24).toString('hex');
  return { ...spec, channels: { ...spec.channels, webhook: { ...webhook, secret } } };
}

export async function createRule(clickhouse: ClickHouse, spec: RuleSpec, now = new Date()): Promise<AlertRule> {
  const at = wholeSeconds(now).toISOString();
  const rule: AlertRule = { ...withSecret(spec), id: randomUUID(), created_at: at, updated_at: at };
  await clickhouse.insert(ALERT_RULES_TABLE, [row(rule, false)]);
  return rule;
}

export async function updateRule(clickhouse: ClickHouse, previous: AlertRule, spec: RuleSpec, now = new Date()): Promise<AlertRule> {
  const rule: AlertRule = { ...withSecret(spec, previous), id: previous.id, created_at: previous.created_at, updated_at: wholeSeconds(now).toISOString() };
  await clickhouse.insert(ALERT_RULES_TABLE, [row(rule, false)]);
  return rule;
}

export async function deleteRule(clickhouse: ClickHouse, rule: AlertRule): Promise<void> {
  await clickhouse.insert(ALERT_RULES_TABLE, [row(rule, true)]);
}

export async function getRule(clickhouse: ClickHouse, id: string): Promise<AlertRule | undefined> {
  const rows = await clickhouse.query<{ rule: string }>(
    sql`SELECT rule FROM ${clickhouse.table(ALERT_RULES_TABLE)} FINAL WHERE id = ${id} AND deleted = 0`,
  );
  return rows[0] ? (JSON.parse(rows[0].rule) as AlertRule) : undefined;
}

/** Every live rule, oldest first. */
export async function listRules(clickhouse: ClickHouse): Promise<AlertRule[]> {
  const rows = await clickhouse.query<{ rule: string }>(
    sql`SELECT rule FROM ${clickhouse.table(ALERT_RULES_TABLE)} FINAL WHERE deleted = 0 ORDER BY created_at, id`,
  );
  return rows.map((r) => JSON.parse(r.rule) as AlertRule);
}
