// How agreement numbers are written on the page.

/** A ratio from 0 to 1 (or kappa, from -1 to 1) to three decimals; null (undefined) as a dash. */
export function formatScore(value: number | null): string {
  return value === null ? '–' : value.toFixed(3);
}

/**
 * A rough reading of Cohen's kappa, in the bands commonly used since Landis and Koch (1977).
 * They are a convention, not a test: the page says so next to them.
 */
export function kappaReading(kappa: number | null): string {
  if (kappa === null) return 'undefined: both sides used one and the same label';
  if (kappa < 0) return 'worse than chance';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

export const TASK_TITLES = { stance: 'Stance', sentiment: 'Sentiment', actor: 'Actor class' } as const;
