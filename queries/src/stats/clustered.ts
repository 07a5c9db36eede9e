/**
 * Author-clustered estimates of linear statistics (shares and means), from per-author sums.
 *
 * Each author i has m_i on-topic posts and a vector v_i of sums over them (posts per predicted
 * stance and language group, and the sum of sentiment scores; AUTHOR_VECTOR below). A statistic
 * is linear in those sums with weights w: the oppose share uses w = 1 on the oppose_ban entries,
 * the sentiment mean w = 1 on the score entry, a share corrected for classifier error the rows of
 * the inverted confusion matrices (correction.ts).
 *
 * Per post (unit=post): theta = sum_i w.v_i / sum_i m_i, a ratio estimator. Its variance, with the
 * author as the cluster (the linearised, Taylor-series variance of a ratio; CR1 small-sample factor):
 *   Var(theta) = k/(k-1) * sum_i (w.v_i - theta m_i)^2 / (sum_i m_i)^2
 *             = k/(k-1) * (w'Svv w - 2 theta w'Svm + theta^2 Smm) / M^2,
 * with k authors, M = sum m_i, Svv = sum v_i v_i', Svm = sum v_i m_i, Smm = sum m_i^2.
 * Per author (unit=author): each author's posts are averaged first, s_i = v_i / m_i, then authors:
 *   theta = sum_i w.s_i / k,  Var(theta) = (sum_i (w.s_i)^2 - k theta^2) / (k (k-1)).
 * Intervals: theta +- t(df) * SE with df = k - 1 (Student t, 97.5% quantile), so an author who
 * wrote a thousand posts weighs as one cluster, not a thousand independent draws.
 */

/** Language groups with their own confusion matrix; every other language uses the pooled one. */
export const LANGUAGE_GROUPS = ['en', 'zh', 'other'] as const;
export type LanguageGroup = (typeof LANGUAGE_GROUPS)[number];
/** Stance labels in the order of the vector and of the confusion matrices' rows and columns. */
export const VECTOR_STANCES = ['support_ban', 'oppose_ban', 'neutral'] as const;
/** Index of the sentiment score sum in an author's vector. */
export const SCORE_INDEX = LANGUAGE_GROUPS.length * VECTOR_STANCES.length;
export const VECTOR_LENGTH = SCORE_INDEX + 1;

/** Position of (language group, predicted stance) in an author's vector. */
export function stanceIndex(group: number, stance: number): number {
  return group * VECTOR_STANCES.length + stance;
}

/** The sums over the authors of one side that every statistic here needs. */
export interface AuthorMoments {
  /** Authors with at least one on-topic post. */
  k: number;
  /** Their on-topic posts, M. */
  posts: number;
  sv: number[];
  /** Row-major VECTOR_LENGTH x VECTOR_LENGTH. */
  svv: number[];
  svm: number[];
  smm: number;
  /** Sums of the per-author averages s_i = v_i / m_i and their products. */
  ss: number[];
  sss: number[];
}

export type Unit = 'post' | 'author';

export interface Estimate {
  value: number;
  /** Variance of the estimate with authors as clusters; null under 2 authors. */
  variance: number | null;
  df: number;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function quadratic(w: readonly number[], matrix: readonly number[]): number {
  const n = w.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (w[i] === 0) continue;
    for (let j = 0; j < n; j++) s += w[i]! * matrix[i * n + j]! * w[j]!;
  }
  return s;
}

/** The statistic with weights `w` and its author-clustered variance; null without posts. */
export function linearEstimate(m: AuthorMoments, w: readonly number[], unit: Unit): Estimate | null {
  if (m.k === 0 || m.posts === 0) return null;
  const k = m.k;
  if (unit === 'author') {
    const value = dot(w, m.ss) / k;
    const variance = k > 1 ? Math.max(0, quadratic(w, m.sss) - k * value * value) / (k * (k - 1)) : null;
    return { value, variance, df: k - 1 };
  }
  const value = dot(w, m.sv) / m.posts;
  const spread = quadratic(w, m.svv) - 2 * value * dot(w, m.svm) + value * value * m.smm;
  const variance = k > 1 ? ((k / (k - 1)) * Math.max(0, spread)) / (m.posts * m.posts) : null;
  return { value, variance, df: k - 1 };
}

/** Weights that pick the share of posts predicted `stance`, in every language group. */
export function shareWeights(stance: (typeof VECTOR_STANCES)[number]): number[] {
  const w = new Array<number>(VECTOR_LENGTH).fill(0);
  const s = VECTOR_STANCES.indexOf(stance);
  for (let g = 0; g < LANGUAGE_GROUPS.length; g++) w[stanceIndex(g, s)] = 1;
  return w;
}

export const SCORE_WEIGHTS: number[] = Array.from({ length: VECTOR_LENGTH }, (_, i) => (i === SCORE_INDEX ? 1 : 0));

/** Welch-Satterthwaite degrees of freedom of a difference of two independent estimates. */
export function differenceDf(a: Estimate, b: Estimate): number {
  const va = a.variance ?? 0;
  const vb = b.variance ?? 0;
  const denominator = (a.df > 0 ? va * va / a.df : 0) + (b.df > 0 ? vb * vb / b.df : 0);
  return denominator === 0 ? Infinity : (va + vb) ** 2 / denominator;
}
