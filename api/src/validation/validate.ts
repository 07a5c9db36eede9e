import { type ClickHouse, recordAudit, saveRun, type TopicPack } from '@rift/core';
import { SOFTWARE_VERSION } from '../export/methodology.ts';
import { readCodedFile } from './coded-file.ts';
import { compareWithModel, type ValidationRun } from './compare.ts';

/**
 * Reads a coded sheet, compares it with the stored labels and keeps the run: `rift validate` and
 * POST /api/validations. `actor` (a key id, or "cli") goes into the audit log with the run.
 */
export async function validateCodedSheet(clickhouse: ClickHouse, pack: TopicPack, csv: string, inputName: string, actor: string): Promise<ValidationRun> {
  const { rows, tasks } = readCodedFile(csv);
  const report = await compareWithModel(clickhouse, rows, tasks);
  const run = await saveRun(clickhouse, report, { inputName, topicPack: `${pack.id}@${pack.version}`, softwareVersion: SOFTWARE_VERSION });
  await recordAudit(clickhouse, { actor, action: 'create', object_type: 'validation', object_id: run.id, detail: { input_name: inputName } });
  return run;
}
