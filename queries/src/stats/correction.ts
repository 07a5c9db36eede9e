import { seededRandom } from '@rift/core';
import { z } from 'zod';
import { LANGUAGE_GROUPS, linearEstimate, stanceIndex, VECTOR_LENGTH, VECTOR_STANCES, type AuthorMoments, type Estimate, type Unit } from './clustered.ts';

/**
 * Shares corrected for the stance classifier's errors: adjusted classify-and-count (ACC; Forman,
 * "Quantifying counts and costs via classification", Data Mining and Knowledge Discovery 17,
 * 2008; Hopkins and King, "A Method of Automated Nonparametric Content Analysis for Social
 * Science", AJPS 54(1), 2010).
 *
 * With P[i][j] = P(classifier says j | true stance i), measured on labelled statements (rows of
 * the confusion matrix divided by their totals), the predicted shares q of a set of posts are
 * q = P' pi, so the true shares are pi = (P')^-1 q. The corrected oppose share is therefore a
 * linear statistic of the per-author sums, w[g][j] = ((P_g')^-1)[oppose][j] for language group g,
 * and gets the same author-clustered variance as the raw share (clustered.ts).
 *
 * Interval: percentile bootstrap, B seeded draws. Each draw resamples the labelled statements of
 * each true label (multinomially, per row of each matrix), inverts the resampled matrices, and adds
 * to the draw's estimate a normal deviate with the clustered sampling variance of the posts. So the
 * interval carries both the sampling of posts and authors and the matrix's own uncertainty; the
 * divide's two sides share each draw's matrices. A corrected value is clipped to [0, 1].
 */

export const CORRECTION_METHOD = 'adjusted classify-and-count (Forman 2008; Hopkins and King 2010)';
export const BOOTSTRAP_DRAWS = 1000;
const BOOTSTRAP_SEED = 20100101;

const matrixEntry = z.object({ n: z.number().int().nonnegative(), matrix: z.array(z.array(z.number().nonnegative()).length(3)).length(3) });

/** The shape of analyze/models/stance-confusion.json. */
export const ConfusionFileSchema = z.object({
  model_version: z.string().min(1),
  labels: z.tuple([z.literal('support_ban'), z.literal('oppose_ban'), z.literal('neutral')]),
  by_language: z.record(z.string(), matrixEntry),
});
export type ConfusionFile = z.output<typeof ConfusionFileSchema>;

export interface ConfusionMatrices {
  model_version: string;
  /** "shipped" or "validation_run:<id>". */
  source: string;
  /** Per language code, and "all" for the pooled matrix every other language uses. */
  by_language: Record<string, { n: number; matrix: number[][] }>;
}

export interface CorrectionPlan {
  requested: 'none' | 'confusion';
  matrix: ConfusionMatrices | null;
  /** Why there is no matrix, when there is none. */
  missing?: string;
  /** Labelled statements a matrix needs, per language group used, before the correction applies. */
  minLabelled: number;
}

export interface CorrectionSummary {
  method: string;
  labelled_n: number;
  source: string;
  model_version: string;
  labelled_n_by_language: Record<string, number>;
  interval: string;
}

type Sides = Record<'public' | 'us_government', AuthorMoments | undefined>;
type CorrectedShare = { value: number | null; ci95: [number, number] | null };
export type Corrected =
  | { note: string }
  | { sides: Record<'public' | 'us_government', CorrectedShare>; difference: { value: number; ci95: [number, number]; method: string; df: null } | null; summary: CorrectionSummary };

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Inverse of a 3x3 matrix, or null when it is (nearly) singular. */
export function invert3(m: number[][]): number[][] | null {
  const [[a, b, c], [d, e, f], [g, h, i]] = m as [[number, number, number], [number, number, number], [number, number, number]];
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (Math.abs(det) < 1e-9) return null;
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}

/** Row j of (P')^-1 for `target`: the weights that turn predicted shares into the true share of target. */
export function accWeights(counts: number[][], target: number): number[] | null {
  const rows = counts.map((row) => {
    const total = row.reduce((s, x) => s + x, 0);
    return total === 0 ? null : row.map((x) => x / total);
  });
  if (rows.some((r) => r === null)) return null;
  const transposed = [0, 1, 2].map((j) => [0, 1, 2].map((i) => rows[i]![j]!));
  const inverse = invert3(transposed);
  return inverse ? inverse[target]! : null;
}

/** The matrix for each language group: its own, or the pooled one ("all"). */
function groupMatrices(matrices: ConfusionMatrices): Array<{ n: number; matrix: number[][] } | undefined> {
  return LANGUAGE_GROUPS.map((g) => (g === 'other' ? undefined : matrices.by_language[g]) ?? matrices.by_language.all);
}

function vectorWeights(groups: ReadonlyArray<number[] | null>): number[] | null {
  const w = new Array<number>(VECTOR_LENGTH).fill(0);
  for (let g = 0; g < groups.length; g++) {
    const row = groups[g];
    if (row === null) return null;
    row!.forEach((x, j) => (w[stanceIndex(g, j)] = x));
  }
  return w;
}

/** Posts of the sides in each language group. */
function postsByGroup(sides: Sides): number[] {
  return LANGUAGE_GROUPS.map((_, g) =>
    Object.values(sides).reduce((s, m) => s + (m ? VECTOR_STANCES.reduce((t, _l, j) => t + (m.sv[stanceIndex(g, j)] ?? 0), 0) : 0), 0),
  );
}

function resample(counts: number[][], random: () => number): number[][] {
  return counts.map((row) => {
    const total = row.reduce((s, x) => s + x, 0);
    const out = [0, 0, 0];
    for (let draw = 0; draw < total; draw++) {
      let u = random() * total;
      let j = 0;
      while (j < 2 && u >= row[j]!) u -= row[j++]!;
      out[j]!++;
    }
    return out;
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]!;
const clip = (x: number) => Math.min(1, Math.max(0, x));
const draw = (e: Estimate, random: () => number) => e.value + Math.sqrt(e.variance ?? 0) * normal(random);

/** The corrected oppose shares of both sides and their difference, or a note saying why there are none. */
export function correctedShares(plan: CorrectionPlan, sides: Sides, unit: Unit): Corrected {
  if (plan.requested === 'none') return { note: 'correction=none: the shares count the classifier\'s labels as they are.' };
  if (!plan.matrix) return { note: plan.missing ?? 'No confusion matrix exists for the stance model that scored these posts.' };
  const oppose = VECTOR_STANCES.indexOf('oppose_ban');
  const matrices = groupMatrices(plan.matrix);
  const used = postsByGroup(sides).map((n) => n > 0);
  const labelled: Record<string, number> = {};
  for (let g = 0; g < LANGUAGE_GROUPS.length; g++) {
    if (!used[g]) continue;
    const entry = matrices[g];
    const name = LANGUAGE_GROUPS[g] === 'other' || !plan.matrix.by_language[LANGUAGE_GROUPS[g]!] ? 'all' : LANGUAGE_GROUPS[g]!;
    if (!entry || entry.n < plan.minLabelled) {
      return { note: `The confusion matrix for language "${name}" has ${entry?.n ?? 0} labelled statements; at least ${plan.minLabelled} are needed before shares are corrected.` };
    }
    labelled[name] = entry.n;
  }
  const point = vectorWeights(matrices.map((m, g) => (used[g] ? accWeights(m!.matrix, oppose) : [0, 0, 0])));
  if (!point) return { note: 'The confusion matrix cannot be inverted (the classifier does not tell the stances apart), so no correction is possible.' };
  const estimate = (m: AuthorMoments | undefined, w: number[]) => (m ? linearEstimate(m, w, unit) : null);
  const pub = estimate(sides.public, point);
  const gov = estimate(sides.us_government, point);
  const random = seededRandom(BOOTSTRAP_SEED);
  const draws = { public: [] as number[], us_government: [] as number[], difference: [] as number[] };
  for (let b = 0; b < BOOTSTRAP_DRAWS; b++) {
    const w = vectorWeights(matrices.map((m, g) => (used[g] ? accWeights(resample(m!.matrix, random), oppose) : [0, 0, 0])));
    if (!w) continue;
    const p = estimate(sides.public, w);
    const q = estimate(sides.us_government, w);
    const dp = p && draw(p, random);
    const dq = q && draw(q, random);
    if (dp !== null) draws.public.push(clip(dp));
    if (dq !== null) draws.us_government.push(clip(dq));
    if (dp !== null && dq !== null) draws.difference.push(clip(dp) - clip(dq));
  }
  const ci = (xs: number[]): [number, number] | null => {
    if (xs.length < BOOTSTRAP_DRAWS / 2) return null;
    const sorted = [...xs].sort((a, b) => a - b);
    return [percentile(sorted, 0.025), percentile(sorted, 0.975)];
  };
  const side = (e: Estimate | null, xs: number[]): CorrectedShare => ({ value: e ? clip(e.value) : null, ci95: e && e.variance !== null ? ci(xs) : null });
  const diffCi = pub && gov && pub.variance !== null && gov.variance !== null ? ci(draws.difference) : null;
  return {
    sides: { public: side(pub, draws.public), us_government: side(gov, draws.us_government) },
    difference: pub && gov && diffCi ? { value: clip(pub.value) - clip(gov.value), ci95: diffCi, method: `${CORRECTION_METHOD}, percentile bootstrap`, df: null } : null,
    summary: {
      method: CORRECTION_METHOD,
      // The smallest labelled sample among the matrices used: the one that limits the correction.
      labelled_n: Math.min(...Object.values(labelled)),
      source: plan.matrix.source,
      model_version: plan.matrix.model_version,
      labelled_n_by_language: labelled,
      interval: `percentile bootstrap, ${BOOTSTRAP_DRAWS} seeded draws: labelled statements resampled per true label, post sampling variance author-clustered`,
    },
  };
}
