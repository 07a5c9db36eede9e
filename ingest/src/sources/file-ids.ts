/**
 * The check a file import makes before it queues anything: every id must name one post. A column
 * of tweet ids that a spreadsheet rounded (`1.54E+18`) turns thousands of different tweets into
 * one id, and without this check all but one would be dropped as "already imported". Rows that
 * repeat the same post (same id, same mapped content) are fine: they are skipped and counted.
 */
import { createHash } from 'node:crypto';
import { readPostsFromFile, type ReadFileOptions } from './file.ts';

export interface FileIdCheck {
  /** Lines that repeat a post seen earlier in the file; the import skips them. */
  repeatLines: Set<number>;
  /** Ids that different rows share, with the first lines of each (at most 10 ids listed). */
  conflicts: Array<{ id: string; lines: number[] }>;
  /** How many ids are shared by rows with different content, listed or not. */
  conflictingIds: number;
}

const LISTED_IDS = 10;
const LISTED_LINES = 5;

function fingerprint(post: object): string {
  const { raw: _raw, ...mapped } = post as Record<string, unknown>;
  return createHash('sha1').update(JSON.stringify(mapped)).digest('base64');
}

/** Reads the file once, holding one short fingerprint per distinct id. */
export async function checkFileIds(file: string, options: ReadFileOptions = {}): Promise<FileIdCheck> {
  const seen = new Map<string, { fingerprint: string; line: number }>();
  const conflicting = new Map<string, number[]>();
  const repeatLines = new Set<number>();
  for await (const row of readPostsFromFile(file, options)) {
    if (!('post' in row)) continue;
    const id = row.post.id;
    const print = fingerprint(row.post);
    const first = seen.get(id);
    if (!first) {
      seen.set(id, { fingerprint: print, line: row.line });
      continue;
    }
    if (first.fingerprint === print) {
      repeatLines.add(row.line);
      continue;
    }
    const lines = conflicting.get(id) ?? [first.line];
    if (lines.length < LISTED_LINES) lines.push(row.line);
    conflicting.set(id, lines);
  }
  const conflicts = [...conflicting].slice(0, LISTED_IDS).map(([id, lines]) => ({ id, lines }));
  return { repeatLines, conflicts, conflictingIds: conflicting.size };
}

/** The refusal a person reads: which ids, on which lines, and the likely cause. */
export function describeIdConflicts(check: FileIdCheck, idColumn: string): string {
  const listed = check.conflicts.map(({ id, lines }) => `"${id}" (lines ${lines.join(', ')}${lines.length >= LISTED_LINES ? ', ...' : ''})`).join('; ');
  const more = check.conflictingIds > check.conflicts.length ? `; and ${check.conflictingIds - check.conflicts.length} more` : '';
  const rounded = check.conflicts.some(({ id }) => /^\d(\.\d+)?E\+\d+$/i.test(id)) ? ' The ids look rounded by a spreadsheet (scientific notation): export the id column as text.' : '';
  return `ids must be unique within a file, but ${check.conflictingIds} id${check.conflictingIds === 1 ? ' is' : 's are'} shared by rows with different content (column "${idColumn}"): ${listed}${more}. Nothing was queued.${rounded} Map another id column with --map id=COLUMN, or leave id unmapped to derive one from the mapped fields.`;
}
