import { randomUUID } from 'node:crypto';
import { type ClickHouse, toDateTimeText } from '../clickhouse.ts';
import { sql } from '../sql.ts';
import { wholeSeconds } from './row-versions.ts';
import { VALIDATION_RUNS_TABLE } from './names.ts';

/**
 * Stored validation runs (validation_runs_v1): each run kept, never overwritten. The report is
 * whatever the comparison of a coded sample produced (api/src/validation/compare.ts); the table
 * keeps its counts and tasks as columns and the whole report as JSON, which readers type.
 */

/** What every stored report has, whoever reads it. */
export interface StoredReport {
  coded_rows: number;
  matched_rows: number;
  not_found: readonly unknown[];
  model_versions: string[];
  tasks: ReadonlyArray<{ task: string }>;
}

export interface RunContext {
  inputName: string;
  topicPack: string;
  softwareVersion: string;
}

export type ValidationRun<Report extends StoredReport = StoredReport> = Report & {
  id: string;
  created_at: string;
  input_name: string;
  topic_pack: string;
  software_version: string;
};

export async function saveRun<Report extends StoredReport>(clickhouse: ClickHouse, report: Report, context: RunContext, now = new Date()): Promise<ValidationRun<Report>> {
  // DateTime keeps whole seconds; the run says the time it was stored with.
  const createdAt = wholeSeconds(now);
  const run: ValidationRun<Report> = {
    id: randomUUID(),
    created_at: createdAt.toISOString(),
    input_name: context.inputName,
    topic_pack: context.topicPack,
    software_version: context.softwareVersion,
    ...report,
  };
  await clickhouse.insert(VALIDATION_RUNS_TABLE, [
    {
      id: run.id,
      created_at: toDateTimeText(createdAt),
      input_name: run.input_name,
      coded_rows: report.coded_rows,
      matched_rows: report.matched_rows,
      not_found_rows: report.not_found.length,
      tasks: report.tasks.map((t) => t.task),
      model_versions: report.model_versions,
      topic_pack: run.topic_pack,
      software_version: run.software_version,
      report: JSON.stringify(report),
    },
  ]);
  return run;
}

/** Newest first. */
export async function listRuns<Report extends StoredReport>(clickhouse: ClickHouse, limit: number): Promise<Array<ValidationRun<Report>>> {
  const rows = await clickhouse.query<{ id: string; t: number; input_name: string; topic_pack: string; software_version: string; report: string }>(sql`
    SELECT id, toUInt32(created_at) AS t, input_name, topic_pack, software_version, report
    FROM ${clickhouse.table(VALIDATION_RUNS_TABLE)}
    ORDER BY created_at DESC, id
    LIMIT ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    created_at: new Date(r.t * 1000).toISOString(),
    input_name: r.input_name,
    topic_pack: r.topic_pack,
    software_version: r.software_version,
    ...(JSON.parse(r.report) as Report),
  }));
}
