import type { TrendSeries } from '../api/types';

/** One CSV cell (RFC 4180), with formula-like text neutralised as the API's export does. */
function cell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r']/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A chart's data as CSV: one line per series and bucket, with the n behind each value, and the
 * denominator too when the metric is a share of the source's posts.
 */
export function seriesToCsv(metric: string, series: TrendSeries[]): string {
  const withDenominator = series.some((s) => s.points.some((p) => p.denominator !== undefined));
  const lines = [['bucket_start', 'series', 'metric', 'value', 'n', ...(withDenominator ? ['denominator'] : [])].join(',')];
  for (const s of series) {
    for (const p of s.points) {
      const row = [cell(p.t), cell(s.key), cell(metric), cell(p.value), cell(p.n)];
      if (withDenominator) row.push(cell(p.denominator ?? Number.NaN));
      lines.push(row.join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
