import { formatDateHour } from '../chart/time';
import type { AlertStatus } from './types';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3, signDisplay: 'exceptZero' });

/** A value of a rule's metric in its own unit: posts, a share, a mean or difference, a z-score. */
export function formatAlertValue(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'no value';
  if (metric === 'volume') return `${integer.format(value)} posts`;
  if (metric.endsWith('_share')) return percent.format(value);
  if (metric === 'volume_zscore') return `z = ${decimal.format(value)}`;
  return decimal.format(value);
}

/** A value on a chart's axis: the unit is said once, in the chart's key, so ticks stay short. */
export function formatAxisTick(metric: string, value: number): string {
  if (metric === 'volume') return integer.format(value);
  if (metric.endsWith('_share')) return percent.format(value);
  return decimal.format(value);
}

export const formatCount = (n: number): string => integer.format(n);

export const formatTime = (iso: string | number): string => `${formatDateHour(new Date(iso).getTime())} UTC`;

export const STATUS_WORDS: Record<AlertStatus, string> = {
  ok: 'OK',
  pending: 'Pending',
  firing: 'Firing',
  resolved: 'Resolved',
};
