/**
 * For tables whose rows are edited by inserting a newer version (ReplacingMergeTree(version),
 * read with FINAL): alert rules, saved views.
 */

let lastVersion = 0;
/** Microseconds since the epoch, strictly increasing in this process, so two quick edits keep their order. */
export function nextVersion(): number {
  lastVersion = Math.max(Date.now() * 1000, lastVersion + 1);
  return lastVersion;
}

/** DateTime keeps whole seconds: times are stored, and answered, at that precision. */
export const wholeSeconds = (date: Date): Date => new Date(Math.floor(date.getTime() / 1000) * 1000);
