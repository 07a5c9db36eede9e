import type { ChartRow } from './rows';

/**
 * Volumes as shares: each series' posts over all posts of the series shown in that bucket.
 * n stays the series' own count.
 */
export function rowsAsShares(rows: ChartRow[], keys: string[]): ChartRow[] {
  return rows.map((row) => {
    const total = keys.reduce((sum, key) => sum + (row.values[key] ?? 0), 0);
    const values: Record<string, number | null> = {};
    for (const key of keys) values[key] = total > 0 ? (row.values[key] ?? 0) / total : null;
    return { ...row, values };
  });
}
