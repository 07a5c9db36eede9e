import { ACTOR_CLASSES, badRequest, SENTIMENT_LABELS, STANCE_LABELS } from '@rift/core';
import { restoreNeutralised } from '../export/format.ts';
import { CsvSyntaxError, parseCsv } from './csv-reader.ts';

/**
 * A coded sample as it comes back from the coders: the sheet `rift sample` wrote, with some of
 * code_stance, code_sentiment and code_actor filled in. An empty code means "not coded" and is
 * skipped for that task; a code outside the label set is an error, reported with its line.
 */

export const TASKS = { stance: STANCE_LABELS, sentiment: SENTIMENT_LABELS, actor: ACTOR_CLASSES } as const;
export type Task = keyof typeof TASKS;
export const TASK_NAMES = Object.keys(TASKS) as Task[];

export interface CodedRow {
  line: number;
  source: string;
  id: string;
  codes: Partial<Record<Task, string>>;
}

const MAX_PROBLEMS_SHOWN = 10;

export function readCodedFile(text: string): { rows: CodedRow[]; tasks: Task[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw badRequest(`coded file: ${err.message}`);
    throw err;
  }
  const [header, ...body] = records;
  if (!header) throw badRequest('coded file is empty');
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const col = (name: string) => names.indexOf(name);
  if (col('source') === -1 || col('id') === -1) throw badRequest('coded file needs the columns "source" and "id" (as written by rift sample)');
  const tasks = TASK_NAMES.filter((t) => col(`code_${t}`) !== -1);
  if (tasks.length === 0) throw badRequest('coded file needs at least one of the columns code_stance, code_sentiment, code_actor');

  const problems: string[] = [];
  const seen = new Set<string>();
  const rows: CodedRow[] = [];
  for (const record of body) {
    const cell = (i: number) => restoreNeutralised(record.cells[i] ?? '');
    const source = cell(col('source'));
    const id = cell(col('id'));
    if (!source || !id) {
      problems.push(`line ${record.line}: source or id is empty`);
      continue;
    }
    const key = `${source}\u0000${id}`;
    if (seen.has(key)) {
      problems.push(`line ${record.line}: ${source}/${id} appears twice`);
      continue;
    }
    seen.add(key);
    const codes: CodedRow['codes'] = {};
    for (const task of tasks) {
      const code = (record.cells[col(`code_${task}`)] ?? '').trim().toLowerCase();
      if (code === '') continue;
      if (!(TASKS[task] as readonly string[]).includes(code)) {
        problems.push(`line ${record.line}: code_${task} ${JSON.stringify(code)} is not one of ${TASKS[task].join(', ')}`);
        continue;
      }
      codes[task] = code;
    }
    rows.push({ line: record.line, source, id, codes });
  }
  if (problems.length > 0) {
    const more = problems.length > MAX_PROBLEMS_SHOWN ? ` (and ${problems.length - MAX_PROBLEMS_SHOWN} more)` : '';
    throw badRequest(`coded file has ${problems.length} problem(s): ${problems.slice(0, MAX_PROBLEMS_SHOWN).join('; ')}${more}`);
  }
  // A code column nobody filled in (the sheet has all three) is not a task that was coded.
  const coded = tasks.filter((task) => rows.some((r) => r.codes[task] !== undefined));
  if (coded.length === 0) throw badRequest('coded file has no codes: fill in code_stance, code_sentiment or code_actor');
  return { rows, tasks: coded };
}
