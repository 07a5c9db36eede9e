import type { ChartRow } from '../chart/rows';
import { isSmallSample } from '../chart/sampleSize';

interface SmallSampleDotProps {
  seriesKey: string;
  color: string;
  /** Injected by Recharts for each point of a line. */
  cx?: number;
  cy?: number;
  payload?: ChartRow;
}

/** A hollow circle on points whose n is below the minimum sample size; nothing on the others. */
export function SmallSampleDot({ seriesKey, color, cx, cy, payload }: SmallSampleDotProps) {
  const n = payload?.counts[seriesKey] ?? 0;
  const value = payload?.values[seriesKey];
  if (cx === undefined || cy === undefined || value === null || value === undefined || !isSmallSample(n)) {
    return <g />;
  }
  return <circle className="small-sample-dot" cx={cx} cy={cy} r={3} fill="#fff" stroke={color} strokeWidth={1.5} />;
}
