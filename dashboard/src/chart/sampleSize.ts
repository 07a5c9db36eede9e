/**
 * Points resting on fewer posts than this are drawn hollow: a share built on
 * five posts must not look like one built on fifty thousand.
 */
export const MIN_SAMPLE_SIZE = 30;

export function isSmallSample(n: number): boolean {
  return n < MIN_SAMPLE_SIZE;
}
