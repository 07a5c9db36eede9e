import type { Analysis } from '@rift/core';

/** What the analysis reads from a post. */
export interface AnalyzerInput {
  text: string;
  source?: string;
  lang_hint?: string;
  author?: { handle?: string; name?: string; description?: string; verified_domain?: string };
}

/** Scores posts synchronously; one instance is built per process and reused. */
export interface Analyzer {
  readonly modelVersion: string;
  analyze(input: AnalyzerInput): Analysis;
}
