import { readFileSync } from 'node:fs';
import { type ClickHouse, listRuns, loadConfig, type StoredReport } from '@rift/core';
import { ConfusionFileSchema, type ConfusionMatrices, type CorrectionPlan } from './stats/correction.ts';

/**
 * Where the confusion matrices of the stance correction come from. The shipped file
 * (analyze/models/stance-confusion.json, one matrix per language and a pooled one, built by
 * `rift confusion` from labelled statements scored by the current analyzer) answers for its model
 * version. A researcher's validation run (/validate) that coded stance for posts of one model
 * version outranks it for that version: the newest such run wins. Its matrix is pooled over
 * languages ("all").
 */

export interface CorrectionOptions {
  confusionFile: string;
  minLabelled: number;
}

export function correctionOptionsFromConfig(): CorrectionOptions {
  const config = loadConfig({});
  return { confusionFile: config.RIFT_STANCE_CONFUSION_FILE, minLabelled: config.RIFT_CORRECTION_MIN_LABELLED };
}

/** The shipped matrices, or the reason there are none; a broken file is an error that names it. */
export function loadShippedMatrices(file: string): ConfusionMatrices | { missing: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { missing: `No confusion matrix is shipped (${file} is missing); build one with \`rift confusion\`.` };
  }
  const parsed = ConfusionFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`invalid confusion matrix file ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { model_version: parsed.data.model_version, source: 'shipped', by_language: parsed.data.by_language };
}

const RUNS_CONSIDERED = 100;

/** What the correction reads of a stored validation run: each coded task's confusion matrix. */
type CodedConfusion = Omit<StoredReport, 'tasks'> & { tasks: Array<{ task: string; n: number; confusion: number[][] }> };

/** The newest validation run with stance codes for posts of exactly `modelVersion`, as matrices. */
async function runMatrices(clickhouse: ClickHouse, modelVersion: string): Promise<ConfusionMatrices | null> {
  for (const run of await listRuns<CodedConfusion>(clickhouse, RUNS_CONSIDERED)) {
    const stance = run.tasks.find((t) => t.task === 'stance');
    if (!stance || run.model_versions.length !== 1 || run.model_versions[0] !== modelVersion) continue;
    return { model_version: modelVersion, source: `validation_run:${run.id}`, by_language: { all: { n: stance.n, matrix: stance.confusion } } };
  }
  return null;
}

/** The correction a divide over posts of these model versions (most posts first) gets. */
export async function correctionPlan(
  clickhouse: ClickHouse,
  requested: 'none' | 'confusion',
  modelVersions: string[],
  options: CorrectionOptions,
): Promise<CorrectionPlan> {
  const plan = { requested, minLabelled: options.minLabelled };
  if (requested === 'none') return { ...plan, matrix: null };
  if (modelVersions.length === 0) return { ...plan, matrix: null, missing: 'No on-topic posts: there is nothing to correct.' };
  if (modelVersions.length > 1) {
    return { ...plan, matrix: null, missing: `The posts were scored by ${modelVersions.length} model versions (${modelVersions.slice(0, 3).join(', ')}); one confusion matrix cannot correct them together. Re-score them, or narrow the slice.` };
  }
  const version = modelVersions[0]!;
  const fromRun = await runMatrices(clickhouse, version);
  if (fromRun) return { ...plan, matrix: fromRun };
  const shipped = loadShippedMatrices(options.confusionFile);
  if ('missing' in shipped) return { ...plan, matrix: null, missing: shipped.missing };
  if (shipped.model_version !== version) {
    return { ...plan, matrix: null, missing: `The shipped confusion matrix is for model ${shipped.model_version}, the posts were scored by ${version}; upload a coded sample on /validate for this model.` };
  }
  return { ...plan, matrix: shipped };
}
