import type { ClickHouse } from '@rift/core/clickhouse';
import type { TopicPack } from '@rift/core/topic-pack';
import { SOFTWARE_VERSION } from '../export/methodology.ts';
import { readCodedFile } from './coded-file.ts';
import { compareWithModel } from './compare.ts';
import { saveRun, type ValidationRun } from './runs.ts';

/** Reads a coded sheet, compares it with the stored labels and keeps the run: `rift validate` and POST /api/validations. */
export async function validateCodedSheet(clickhouse: ClickHouse, pack: TopicPack, csv: string, inputName: string): Promise<ValidationRun> {
  const { rows, tasks } = readCodedFile(csv);
  const report = await compareWithModel(clickhouse, rows, tasks);
  return saveRun(clickhouse, report, { inputName, topicPack: `${pack.id}@${pack.version}`, softwareVersion: SOFTWARE_VERSION });
}
