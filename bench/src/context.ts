import type { BenchServices } from './services.ts';

/** What each benchmark receives from `rift bench`. */
export interface BenchContext {
  quick: boolean;
  /** Posts the end-to-end benchmark sends, instead of its default for the mode. */
  e2ePosts?: number;
  /** The queries benchmark runs only the cases whose names start with one of these (all when unset). */
  queryCases?: string[];
  /** Progress for the person watching (stderr); figures go to stdout. */
  log(line: string): void;
  /** The bench's own Redis and ClickHouse, started for this run. */
  services: BenchServices;
}
