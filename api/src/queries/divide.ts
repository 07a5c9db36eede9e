import type { ClickHouse } from '@rift/core/clickhouse';
import { trustedSql } from '@rift/core/sql';
import { sliceSql, type PostQuery } from './posts.ts';

/**
 * The divide: public minus US government, over one slice of posts, with 95% intervals.
 *
 * Read from the raw posts (posts_v1 FINAL, sign = 1, the same slice as /api/posts and
 * /api/export), because the slice takes filters the hourly rollups cannot answer (a keyword in
 * the text, a minimum confidence) and exact, not hour-aligned, time bounds.
 *
 * - Oppose share difference d = p_pub - p_gov, p = (posts with stance oppose_ban) / (all posts
 *   of the side; neutral posts count). Interval: Newcombe's hybrid score interval (method 10,
 *   Newcombe 1998) built from each side's 95% Wilson score interval [l, u]:
 *   [d - sqrt((p_pub - l_pub)^2 + (u_gov - p_gov)^2), d + sqrt((u_pub - p_pub)^2 + (p_gov - l_gov)^2)].
 * - Sentiment mean difference m_pub - m_gov, with a Welch interval: SE = sqrt(s_pub^2/n_pub +
 *   s_gov^2/n_gov) (s^2 the sample variance), df by Welch-Satterthwaite, and the 97.5% quantile of
 *   Student's t with df degrees of freedom (Cornish-Fisher expansion).
 */

export const DIVIDE_SIDES = ['public', 'us_government'] as const;
export type DivideSide = (typeof DIVIDE_SIDES)[number];
const Z95 = 1.959963984540054;

export interface SideStats {
  n: number;
  oppose: number;
  oppose_share: number | null;
  sentiment_mean: number | null;
  /** Sample standard deviation of the sentiment scores; null under 2 posts. */
  sentiment_sd: number | null;
}

export interface Difference {
  value: number;
  ci95: [number, number];
  method: string;
}

export interface DivideResult {
  sides: Record<DivideSide, SideStats>;
  oppose_share_diff: Difference | null;
  sentiment_mean_diff: (Difference & { df: number | null }) | null;
}

interface SideRow {
  actor: string;
  n: number | string;
  oppose: number | string;
  score_sum: number;
  score_sq_sum: number;
}

/** The 95% Wilson score interval of x successes in n trials (n > 0). */
export function wilson(x: number, n: number, z = Z95): [number, number] {
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Newcombe's hybrid score interval for p1 - p2 (method 10). */
export function newcombeDiff(x1: number, n1: number, x2: number, n2: number): [number, number] {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilson(x1, n1);
  const [l2, u2] = wilson(x2, n2);
  const d = p1 - p2;
  return [d - Math.hypot(p1 - l1, u2 - p2), d + Math.hypot(u1 - p1, p2 - l2)];
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

/** Welch's interval for m1 - m2 from each side's n, mean and sample variance (n >= 2 each). */
export function welchDiff(a: { n: number; mean: number; variance: number }, b: { n: number; mean: number; variance: number }) {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  const df = se === 0 ? Infinity : (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const half = t975(df) * se;
  const d = a.mean - b.mean;
  return { value: d, ci95: [d - half, d + half] as [number, number], df: Number.isFinite(df) ? df : null };
}

function sideStats(row: SideRow | undefined): SideStats & { variance: number | null } {
  const n = Number(row?.n ?? 0);
  const oppose = Number(row?.oppose ?? 0);
  if (!row || n === 0) return { n: 0, oppose: 0, oppose_share: null, sentiment_mean: null, sentiment_sd: null, variance: null };
  const mean = row.score_sum / n;
  const variance = n > 1 ? Math.max(0, (row.score_sq_sum - n * mean * mean) / (n - 1)) : null;
  return { n, oppose, oppose_share: oppose / n, sentiment_mean: mean, sentiment_sd: variance === null ? null : Math.sqrt(variance), variance };
}

/** Per-side counts and sums from the slice, then the two differences and their intervals. */
export async function queryDivide(clickhouse: ClickHouse, query: PostQuery): Promise<DivideResult> {
  const rows = await clickhouse.query<SideRow>(
    sliceSql(clickhouse, query, {
      select: trustedSql(`toString(actor) AS actor, count() AS n, countIf(stance = 'oppose_ban') AS oppose,
        sum(toFloat64(sentiment_score)) AS score_sum, sum(toFloat64(sentiment_score) * toFloat64(sentiment_score)) AS score_sq_sum`),
      columns: ['sentiment_score'],
      outerWhere: trustedSql("actor IN ('public', 'us_government')"),
      tail: trustedSql('GROUP BY actor'),
    }),
  );
  const pub = sideStats(rows.find((r) => r.actor === 'public'));
  const gov = sideStats(rows.find((r) => r.actor === 'us_government'));
  const strip = ({ variance: _v, ...s }: SideStats & { variance: number | null }): SideStats => s;
  const bothShares = pub.n > 0 && gov.n > 0;
  const bothSpreads = pub.variance !== null && gov.variance !== null;
  return {
    sides: { public: strip(pub), us_government: strip(gov) },
    oppose_share_diff: bothShares
      ? { value: pub.oppose / pub.n - gov.oppose / gov.n, ci95: newcombeDiff(pub.oppose, pub.n, gov.oppose, gov.n), method: 'Newcombe hybrid score (Wilson)' }
      : null,
    sentiment_mean_diff: bothSpreads
      ? {
          ...welchDiff(
            { n: pub.n, mean: pub.sentiment_mean!, variance: pub.variance! },
            { n: gov.n, mean: gov.sentiment_mean!, variance: gov.variance! },
          ),
          method: 'Welch t',
        }
      : null,
  };
}
