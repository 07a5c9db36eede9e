import type { Metric } from '../api/types';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const percentAxis = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
const signed = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
});

export function formatCount(n: number): string {
  return integer.format(n);
}

/** A metric value as shown in tooltips and notes. */
export function formatMetricValue(metric: Metric, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'no data';
  switch (metric) {
    case 'volume':
      return `${integer.format(value)} posts`;
    case 'sentiment_mean':
      return signed.format(value);
    case 'stance_oppose_share':
    case 'stance_support_share':
    case 'sentiment_positive_share':
    case 'sentiment_negative_share':
    case 'volume_share_of_source':
      return percent.format(value);
  }
}

/** A metric value as shown on the y axis. */
export function formatAxisValue(metric: Metric, value: number): string {
  switch (metric) {
    case 'volume':
      return integer.format(value);
    case 'sentiment_mean':
      return signed.format(value);
    case 'stance_oppose_share':
    case 'stance_support_share':
    case 'sentiment_positive_share':
    case 'sentiment_negative_share':
    case 'volume_share_of_source':
      return percentAxis.format(value);
  }
}
