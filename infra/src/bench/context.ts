import type { BenchServices } from './services.ts';

/** What each benchmark receives from `rift bench`. */
export interface BenchContext {
  quick: boolean;
  /** Progress for the person watching (stderr); figures go to stdout. */
  log(line: string): void;
  /** The bench's own Redis and ClickHouse, started for this run. */
  services: BenchServices;
}
