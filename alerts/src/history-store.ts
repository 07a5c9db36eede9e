import { ALERT_HISTORY_TABLE, ALERT_STATE_TABLE, type ClickHouse, joinSql, nextVersion, sql, toDateTimeText, trustedSql } from '@rift/core';
import type { AlertState, AlertStatus, Transition } from './state-machine.ts';
import type { WindowObservation } from './evaluate.ts';

/**
 * Each rule's current state (alert_state_v1, one row per rule, newest version wins) and the
 * history of its state changes (alert_history_v1, append-only), which is also the in-app feed.
 */


export interface StoredState extends AlertState {
  evaluated_at: string;
  last: WindowObservation | null;
}

export interface HistoryEntry {
  rule_id: string;
  rule_name: string;
  at: string;
  from: AlertStatus;
  to: AlertStatus;
  value: number | null;
  n: number;
  threshold: number;
  recovery_threshold: number;
  details: Record<string, unknown>;
}

export async function getState(clickhouse: ClickHouse, ruleId: string): Promise<StoredState | undefined> {
  return (await getStates(clickhouse, [ruleId])).get(ruleId);
}

/** The states of many rules in one query (the rule list). */
export async function getStates(clickhouse: ClickHouse, ruleIds: readonly string[]): Promise<Map<string, StoredState>> {
  if (ruleIds.length === 0) return new Map();
  const rows = await clickhouse.query<{ rule_id: string; state: string }>(
    sql`SELECT rule_id, state FROM ${clickhouse.table(ALERT_STATE_TABLE)} FINAL WHERE rule_id IN (${joinSql(ruleIds.map((id) => sql`${id}`), ', ')})`,
  );
  return new Map(rows.map((r) => [r.rule_id, JSON.parse(r.state) as StoredState]));
}

export async function saveState(clickhouse: ClickHouse, ruleId: string, state: StoredState): Promise<void> {
  await clickhouse.insert(ALERT_STATE_TABLE, [
    { rule_id: ruleId, state: JSON.stringify(state), evaluated_at: toDateTimeText(new Date(state.evaluated_at)), version: nextVersion() },
  ]);
}

export interface TransitionRecord {
  ruleId: string;
  ruleName: string;
  transition: Transition;
  observation: WindowObservation;
  threshold: number;
  recoveryThreshold: number;
  details?: Record<string, unknown>;
}

export async function recordTransitions(clickhouse: ClickHouse, records: readonly TransitionRecord[]): Promise<void> {
  await clickhouse.insert(
    ALERT_HISTORY_TABLE,
    records.map((r) => ({
      rule_id: r.ruleId,
      rule_name: r.ruleName,
      at: toDateTimeText(new Date(r.transition.at)),
      from_state: r.transition.from,
      to_state: r.transition.to,
      has_value: r.observation.value === null ? 0 : 1,
      value: r.observation.value ?? 0,
      n: r.observation.n,
      threshold: r.threshold,
      recovery_threshold: r.recoveryThreshold,
      details: JSON.stringify({ observation: r.observation, ...r.details }),
    })),
  );
}

interface HistoryRow {
  rule_id: string;
  rule_name: string;
  t: number;
  from_state: string;
  to_state: string;
  has_value: number;
  value: number;
  n: number | string;
  threshold: number;
  recovery_threshold: number;
  details: string;
}

/** State changes, newest first: of one rule, or of every rule (the feed). */
export async function listHistory(clickhouse: ClickHouse, options: { ruleId?: string; limit: number }): Promise<HistoryEntry[]> {
  const where = options.ruleId === undefined ? trustedSql('1') : sql`rule_id = ${options.ruleId}`;
  // Transitions of one evaluation share a second; insertion order is kept by the sort on
  // from/to ranks so that ok -> pending is listed before pending -> firing.
  const rows = await clickhouse.query<HistoryRow>(sql`
    SELECT rule_id, rule_name, toUInt32(at) AS t, from_state, to_state, has_value, value, n, threshold, recovery_threshold, details
    FROM ${clickhouse.table(ALERT_HISTORY_TABLE)}
    WHERE ${where}
    ORDER BY at DESC, indexOf(['ok', 'pending', 'firing', 'resolved'], to_state) DESC, rule_id
    LIMIT ${options.limit}`);
  return rows.map((r) => ({
    rule_id: r.rule_id,
    rule_name: r.rule_name,
    at: new Date(r.t * 1000).toISOString(),
    from: r.from_state as AlertStatus,
    to: r.to_state as AlertStatus,
    value: r.has_value ? r.value : null,
    n: Number(r.n),
    threshold: r.threshold,
    recovery_threshold: r.recovery_threshold,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
