import { type ClickHouse, COPY_DEFINITION } from '@rift/core';
import {
  differenceDf,
  linearEstimate,
  SCORE_WEIGHTS,
  shareWeights,
  type AuthorMoments,
  type Estimate,
  type Unit,
} from './stats/clustered.ts';
import { correctedShares, type CorrectionPlan, type CorrectionSummary } from './stats/correction.ts';
import { queryDivideModelVersions, queryDivideMoments, type SideMoments } from './divide-moments.ts';
import type { DivideReadPath } from './divide-rollup.ts';
import type { PostQuery } from './post-query.ts';
import type { Copies } from './copies.ts';

/**
 * The divide: public minus US government, over one slice of posts, with 95% intervals.
 *
 * Read from author_periods_v1 (per author and day or month) when the slice is whole UTC days,
 * filtered on source and actor alone, with every copy counted; otherwise from the raw posts
 * (posts_v1 FINAL, sign = 1, the same slice as /api/posts and /api/export), which take a keyword,
 * a minimum confidence, label filters, copies=once and exact time bounds (divide-rollup.ts). Off-topic posts (no
 * relevance term of the topic pack) are left out of every share and mean and counted apart.
 *
 * - unit=post: oppose share p = (on-topic posts with stance oppose_ban) / (on-topic posts of the
 *   side; neutral posts count); sentiment = mean score of those posts.
 * - unit=author: each author's on-topic posts are averaged first (the author's oppose share, the
 *   author's mean score), then the authors of the side are averaged: one voice per author.
 * - Intervals: analytic, with the author as the cluster (stats/clustered.ts has the formulas):
 *   theta +- t(k-1) SE per side; for the difference d = theta_pub - theta_gov,
 *   SE = sqrt(SE_pub^2 + SE_gov^2) with Welch-Satterthwaite df (the sides are independent samples).
 * - copies=once (the route's default): one post per copy cluster, the cluster's first post in the
 *   slice, before the authors are grouped (queries/slice.ts sliceSql); copies=all: every post.
 * - correction=confusion: the oppose share corrected for the stance classifier's errors
 *   (stats/correction.ts), with `raw` beside it and an interval that also carries the confusion
 *   matrix's own uncertainty.
 */

/** What the divide measures and how its intervals are made, as the API, the docs and export sidecars state it. */
export const DIVIDE_DEFINITION =
  'Public minus US government, over on-topic posts only (posts mentioning one of the topic pack\'s relevance terms; off-topic posts are counted apart as n_off_topic). ' +
  'Oppose share: posts with stance "oppose_ban" over the on-topic posts of the side (neutral posts count). Sentiment: mean sentiment score (-1 to +1). ' +
  'unit=post counts every post once; unit=author averages each author\'s posts first, then the authors. Each post counted once, at its newest analysis. ' +
  COPY_DEFINITION;

export const DIVIDE_METHOD =
  '95% intervals with the author as the cluster: per side theta +- t(k-1) SE, k authors. unit=post: theta = sum_i y_i / sum_i m_i (y_i the author\'s sum, m_i the author\'s posts), ' +
  'Var = k/(k-1) sum_i (y_i - theta m_i)^2 / (sum_i m_i)^2 (ratio estimator, Taylor linearisation). unit=author: theta = mean of the k author means a_i, Var = sample variance of a_i / k. ' +
  'Difference: SE = sqrt(SE_pub^2 + SE_gov^2), Welch-Satterthwaite df. Corrected shares (correction=confusion): adjusted classify-and-count, pi = (P^T)^-1 q with P[i][j] = P(predicted j | true i) per language ' +
  '(Forman 2008; Hopkins and King 2010), interval by a seeded percentile bootstrap that resamples the labelled statements and adds the clustered sampling error.';

export const DIVIDE_SIDES = ['public', 'us_government'] as const;
export type DivideSide = (typeof DIVIDE_SIDES)[number];
const Z95 = 1.959963984540054;

export interface SideStats {
  /** On-topic posts (n_posts; kept under its old name). */
  n: number;
  n_posts: number;
  /** Distinct authors with at least one on-topic post. */
  n_authors: number;
  /** Posts and authors of the side off topic, left out of its shares and means. */
  n_off_topic: number;
  n_off_topic_authors: number;
  /** On-topic posts the classifier labelled oppose_ban. */
  oppose: number;
  oppose_share: number | null;
  oppose_share_ci95: [number, number] | null;
  /** The uncorrected share, when oppose_share is corrected. */
  raw?: { oppose_share: number | null; oppose_share_ci95: [number, number] | null };
  sentiment_mean: number | null;
  sentiment_mean_ci95: [number, number] | null;
}

export interface Difference {
  value: number;
  ci95: [number, number];
  method: string;
  df: number | null;
}

export interface DivideResult {
  unit: Unit;
  copies: Copies;
  sides: Record<DivideSide, SideStats>;
  oppose_share_diff: Difference | null;
  /** The uncorrected difference, when oppose_share_diff is corrected. */
  raw?: { oppose_share_diff: Difference | null };
  correction: CorrectionSummary | null;
  correction_note?: string;
  sentiment_mean_diff: Difference | null;
}

/** Student's t quantile for 97.5% (two-sided 95%), by the Cornish-Fisher expansion in 1/df. */
export function t975(df: number): number {
  if (!Number.isFinite(df)) return Z95;
  const z = Z95;
  const [z3, z5, z7] = [z ** 3, z ** 5, z ** 7];
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/** The 95% Wilson score interval of x successes in n independent trials (n > 0). */
export function wilson(x: number, n: number, z = Z95): [number, number] {
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** theta +- t(df) SE, inside [lo, hi]; null without a variance (fewer than 2 authors). */
export function interval(e: Estimate, lo: number, hi: number): [number, number] | null {
  if (e.variance === null) return null;
  const half = t975(e.df) * Math.sqrt(e.variance);
  return [clamp(e.value - half, lo, hi), clamp(e.value + half, lo, hi)];
}

export const CLUSTERED_METHOD = 'author-clustered ratio-estimator variance (Taylor linearisation, CR1), Student t';

/** The difference of two independent clustered estimates, with its Welch-Satterthwaite interval. */
export function clusteredDifference(a: Estimate, b: Estimate, lo: number, hi: number): Difference | null {
  if (a.variance === null || b.variance === null) return null;
  const df = differenceDf(a, b);
  const value = a.value - b.value;
  const half = t975(df) * Math.sqrt(a.variance + b.variance);
  return { value, ci95: [clamp(value - half, lo, hi), clamp(value + half, lo, hi)], method: CLUSTERED_METHOD, df: Number.isFinite(df) ? df : null };
}

const OPPOSE = shareWeights('oppose_ban');
const EMPTY: AuthorMoments = { k: 0, posts: 0, sv: [], svv: [], svm: [], smm: 0, ss: [], sss: [] };

function sideStats(m: SideMoments | undefined, unit: Unit): SideStats {
  const moments = m ?? { ...EMPTY, offTopicPosts: 0, offTopicAuthors: 0 };
  const share = linearEstimate(moments, OPPOSE, unit);
  const sentiment = linearEstimate(moments, SCORE_WEIGHTS, unit);
  return {
    n: moments.posts,
    n_posts: moments.posts,
    n_authors: moments.k,
    n_off_topic: moments.offTopicPosts,
    n_off_topic_authors: moments.offTopicAuthors,
    oppose: share ? Math.round(OPPOSE.reduce((s, w, i) => s + w * moments.sv[i]!, 0)) : 0,
    oppose_share: share?.value ?? null,
    oppose_share_ci95: share ? interval(share, 0, 1) : null,
    sentiment_mean: sentiment?.value ?? null,
    sentiment_mean_ci95: sentiment ? interval(sentiment, -1, 1) : null,
  };
}

/** Per-side author sums from ClickHouse, then each side's estimates and the two differences. */
export async function queryDivide(
  clickhouse: ClickHouse,
  query: PostQuery,
  unit: Unit,
  planFor: (modelVersions: string[]) => Promise<CorrectionPlan>,
  /** Where the authors' sums are read; by default the rollup where it answers (divide-rollup.ts). */
  from?: DivideReadPath,
): Promise<DivideResult> {
  const [moments, plan] = await Promise.all([
    queryDivideMoments(clickhouse, query, from),
    queryDivideModelVersions(clickhouse, query, from).then(planFor),
  ]);
  const pubMoments = moments.get('public');
  const govMoments = moments.get('us_government');
  const pub = sideStats(pubMoments, unit);
  const gov = sideStats(govMoments, unit);
  const estimate = (m: SideMoments | undefined, w: number[]) => (m ? linearEstimate(m, w, unit) : null);
  const [pubShare, govShare] = [estimate(pubMoments, OPPOSE), estimate(govMoments, OPPOSE)];
  const [pubScore, govScore] = [estimate(pubMoments, SCORE_WEIGHTS), estimate(govMoments, SCORE_WEIGHTS)];
  const rawDiff = pubShare && govShare ? clusteredDifference(pubShare, govShare, -1, 1) : null;
  const result: DivideResult = {
    unit,
    copies: query.copies ?? 'all',
    sides: { public: pub, us_government: gov },
    oppose_share_diff: rawDiff,
    correction: null,
    sentiment_mean_diff: pubScore && govScore ? clusteredDifference(pubScore, govScore, -2, 2) : null,
  };
  const corrected = correctedShares(plan, { public: pubMoments, us_government: govMoments }, unit);
  if ('note' in corrected) return { ...result, correction_note: corrected.note };
  for (const side of DIVIDE_SIDES) {
    const stats = result.sides[side];
    stats.raw = { oppose_share: stats.oppose_share, oppose_share_ci95: stats.oppose_share_ci95 };
    stats.oppose_share = corrected.sides[side].value;
    stats.oppose_share_ci95 = corrected.sides[side].ci95;
  }
  return { ...result, raw: { oppose_share_diff: rawDiff }, oppose_share_diff: corrected.difference, correction: corrected.summary };
}
