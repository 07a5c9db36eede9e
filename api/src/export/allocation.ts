/**
 * How many posts each stratum contributes to a sample of n.
 *
 * - proportional: each stratum gets n x its share of the slice, rounded by largest remainder
 *   (ties go to the stratum first in label order), so the sample mirrors the slice.
 * - equal: each stratum with posts gets floor(n / k), and the first n mod k strata in label
 *   order one more, so small groups are coded as often as large ones.
 * A stratum never gives more posts than it has; a shortfall is reported, not filled from other
 * strata, so the design stays what was asked for.
 */

export const ALLOCATIONS = ['proportional', 'equal'] as const;
export type Allocation = (typeof ALLOCATIONS)[number];

export interface StratumAllocation {
  stratum: string;
  population: number;
  /** What the design asks for. */
  target: number;
  /** What the stratum can give: min(target, population). */
  drawn: number;
}

/** `strata` in label order with their post counts; strata without posts get nothing. */
export function allocate(n: number, strata: ReadonlyArray<{ stratum: string; population: number }>, mode: Allocation): StratumAllocation[] {
  const present = strata.filter((s) => s.population > 0);
  const total = present.reduce((sum, s) => sum + s.population, 0);
  const targets = new Map<string, number>(strata.map((s) => [s.stratum, 0]));
  if (present.length > 0) {
    if (mode === 'equal') {
      const base = Math.floor(n / present.length);
      present.forEach((s, i) => targets.set(s.stratum, base + (i < n % present.length ? 1 : 0)));
    } else {
      const quotas = present.map((s, i) => ({ s, i, exact: (n * s.population) / total }));
      let left = n;
      for (const q of quotas) {
        targets.set(q.s.stratum, Math.floor(q.exact));
        left -= Math.floor(q.exact);
      }
      const byRemainder = [...quotas].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.i - b.i);
      for (const q of byRemainder.slice(0, left)) targets.set(q.s.stratum, targets.get(q.s.stratum)! + 1);
    }
  }
  return strata.map((s) => {
    const target = targets.get(s.stratum) ?? 0;
    return { stratum: s.stratum, population: s.population, target, drawn: Math.min(target, s.population) };
  });
}
