/**
 * Moving a Zeeschuimer export onto the analysis queue, for `rift import` and the 4CAT-compatible
 * upload alike, and counting every line's fate so the summary adds up to the lines read.
 */
import { countOutcome, isContinue, type PostInput } from '@rift/core';
import type { PostProducer } from '../../producer.ts';
import type { ZeeschuimerRow } from './read.ts';

export interface ZeeschuimerImportStats {
  /** Non-blank lines read. */
  lines: number;
  queued: number;
  /** Posts already imported before (in an earlier file or upload). */
  alreadyStored: number;
  /** Items that came again later in the same export. */
  duplicatesInFile: number;
  /** Thumbnail tiles, live streams and captions-less items: counted, not imported. */
  stubs: number;
  /** Posts the caller's filter left out (--match-topic). */
  filtered: number;
  /** Broken lines and items that failed validation, each a dead letter with its line. */
  rejected: number;
  /** Posts per source (rednote, tiktok, douyin), queued or already stored. */
  bySource: Record<string, number>;
}

export interface ZeeschuimerImportOptions {
  /** Annotates a post or leaves it out (returns undefined); the topic filter of `rift import`. */
  filter?: (post: PostInput) => PostInput | undefined;
  onProgress?: (lines: number) => void;
}

/** The label dead letters and source runs of an import carry. */
export const ZEESCHUIMER_RUN = 'zeeschuimer';

export async function importZeeschuimer(
  rows: AsyncIterable<ZeeschuimerRow>,
  producer: PostProducer,
  options: ZeeschuimerImportOptions = {},
): Promise<ZeeschuimerImportStats> {
  const stats: ZeeschuimerImportStats = { lines: 0, queued: 0, alreadyStored: 0, duplicatesInFile: 0, stubs: 0, filtered: 0, rejected: 0, bySource: {} };
  const before = { ...producer.stats };
  for await (const row of rows) {
    stats.lines++;
    if ('post' in row) {
      const post = options.filter ? options.filter(row.post) : row.post;
      if (!post) stats.filtered++;
      else {
        const valid = await producer.add(post, post.source);
        countOutcome('validate', valid);
        // A post that fails validation counts as rejected, not under its platform.
        if (isContinue(valid)) stats.bySource[post.source] = (stats.bySource[post.source] ?? 0) + 1;
      }
    } else if ('stub' in row) stats.stubs++;
    else if ('duplicate' in row) stats.duplicatesInFile++;
    else countOutcome('validate', await producer.reject(ZEESCHUIMER_RUN, `line ${row.line}: ${row.error}`, { line: row.line }));
    if (options.onProgress && stats.lines % 1000 === 0) options.onProgress(stats.lines);
  }
  await producer.flush();
  stats.queued = producer.stats.accepted - before.accepted;
  stats.alreadyStored = producer.stats.duplicates - before.duplicates;
  stats.rejected = producer.stats.rejected - before.rejected;
  options.onProgress?.(stats.lines);
  return stats;
}

/** One line for people: every line read is accounted for. */
export function describeZeeschuimerImport(s: ZeeschuimerImportStats): string {
  const platforms = Object.entries(s.bySource).map(([source, n]) => `${source} ${n}`).join(', ');
  return [
    `${s.lines} lines read`,
    `${s.queued} queued`,
    `${s.alreadyStored} already stored`,
    `${s.duplicatesInFile} duplicates within the file`,
    `${s.stubs} stubs without content (not imported)`,
    ...(s.filtered ? [`${s.filtered} off topic`] : []),
    `${s.rejected} rejected (rift dlq list)`,
  ].join(', ') + (platforms ? ` [${platforms}]` : '');
}
