/** One `rift` sub-command: a module under ./commands whose default export is a Command. */
export interface Command {
  /** One line for `rift help`. */
  summary: string;
  /** Usage text shown for `rift help NAME` and on bad arguments. */
  usage: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

/** A mistake in how a command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
