import { type ClickHouse, joinSql, POSTS_TABLE, sql, type ValidationRun as StoredRun } from '@rift/core';
import { agreement, type Agreement } from './agreement.ts';
import { agreementIntervals, type AgreementIntervals } from './intervals.ts';
import { TASKS, type CodedRow, type Task } from './coded-file.ts';

/**
 * Compares a coded sample with the labels stored now for the same posts (source + id), one
 * agreement report per task the coders filled in.
 */

interface StoredLabels {
  source: string;
  id: string;
  stance: string;
  sentiment: string;
  actor: string;
  model_version: string;
}

export interface TaskReport extends Agreement, AgreementIntervals {
  task: Task;
  /** Rows that had no code for this task. */
  uncoded: number;
}

export interface ValidationReport {
  coded_rows: number;
  matched_rows: number;
  /** Coded posts not (or no longer) stored; left out of every statistic. */
  not_found: Array<{ line: number; source: string; id: string }>;
  model_versions: string[];
  tasks: TaskReport[];
}

/** A stored run of this comparison (core/src/tables/validation-runs.ts). */
export type ValidationRun = StoredRun<ValidationReport>;

const LOOKUP_CHUNK = 500;
const key = (source: string, id: string) => `${source}\u0000${id}`;

async function lookupLabels(clickhouse: ClickHouse, rows: readonly CodedRow[]): Promise<Map<string, StoredLabels>> {
  const found = new Map<string, StoredLabels>();
  for (let i = 0; i < rows.length; i += LOOKUP_CHUNK) {
    const chunk = rows.slice(i, i + LOOKUP_CHUNK);
    const pairs = joinSql(chunk.map((r) => sql`(${r.source}, ${r.id})`), ', ');
    // (source, id) is the key, immutable: it may be tested inside FINAL; sign only outside.
    const stored = await clickhouse.query<StoredLabels>(sql`
      SELECT source, id, toString(stance) AS stance, toString(sentiment) AS sentiment, toString(actor) AS actor, model_version
      FROM (
        SELECT source, id, stance, sentiment, actor, model_version, sign
        FROM ${clickhouse.table(POSTS_TABLE)} FINAL
        WHERE (source, id) IN (${pairs})
      )
      WHERE sign = 1`);
    for (const row of stored) found.set(key(row.source, row.id), row);
  }
  return found;
}

export async function compareWithModel(clickhouse: ClickHouse, rows: readonly CodedRow[], tasks: readonly Task[]): Promise<ValidationReport> {
  const stored = await lookupLabels(clickhouse, rows);
  const notFound: ValidationReport['not_found'] = [];
  const matched: Array<{ row: CodedRow; labels: StoredLabels }> = [];
  for (const row of rows) {
    const labels = stored.get(key(row.source, row.id));
    if (labels) matched.push({ row, labels });
    else notFound.push({ line: row.line, source: row.source, id: row.id });
  }
  const reports = tasks.map((task): TaskReport => {
    const coded = matched.filter(({ row }) => row.codes[task]);
    const pairs = coded.map(({ row, labels }) => ({ human: row.codes[task]!, model: labels[task] }));
    // Seeded by the coded posts themselves: the same sheet always gives the same intervals.
    const seed = `${task}:${coded.map(({ row }) => key(row.source, row.id)).join('\n')}`;
    return { task, uncoded: matched.length - pairs.length, ...agreement(TASKS[task], pairs), ...agreementIntervals(TASKS[task], pairs, seed) };
  });
  return {
    coded_rows: rows.length,
    matched_rows: matched.length,
    not_found: notFound,
    model_versions: [...new Set(matched.map((m) => m.labels.model_version))].sort(),
    tasks: reports,
  };
}
