// The interface both the stance features and the target-tone features write to, kept apart so
// neither module imports the other.

/** Where features go: a set of names when training, a weight accumulator when scoring. Repeats are allowed. */
export interface FeatureSink {
  add(name: string): void;
  /** The feature `prefix + a` (or `prefix + a + " " + b`), so a scorer can hash it without building the string. */
  addJoined(prefix: string, a: string, b?: string): void;
}
