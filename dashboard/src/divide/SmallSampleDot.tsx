import type { ChartRow } from '../chart/rows';
import { isSmallSample } from '../chart/sampleSize';

interface SmallSampleDotProps {
  seriesKey: string;
  color: string;
  /** Injected by Recharts for each point of a line. */
  cx?: number;
  cy?: number;
  payload?: ChartRow;
  /** Clicking the point opens the posts behind it. */
  onSelect?: (seriesKey: string, row: ChartRow) => void;
  /** Draw the hollow circle on small samples (shares and means; not counts). Default true. */
  flagSmall?: boolean;
}

/**
 * A hollow circle on points whose n is below the minimum sample size, nothing visible on the
 * others, and over every point an invisible target that opens its posts when clicked.
 */
export function SmallSampleDot({ seriesKey, color, cx, cy, payload, onSelect, flagSmall = true }: SmallSampleDotProps) {
  // Small samples are judged by authors: thirty posts of one author are one voice.
  const n = payload?.authors[seriesKey] ?? 0;
  const value = payload?.values[seriesKey];
  if (cx === undefined || cy === undefined || value === null || value === undefined || !payload) return <g />;
  return (
    <g>
      {flagSmall && isSmallSample(n) && (
        <circle className="small-sample-dot" cx={cx} cy={cy} r={3} fill="#fff" stroke={color} strokeWidth={1.5} />
      )}
      {onSelect && (
        <circle
          className="point-hit"
          data-series={seriesKey}
          data-ts={payload.ts}
          data-n={n}
          data-value={value}
          cx={cx}
          cy={cy}
          r={6}
          fill="transparent"
          onClick={() => onSelect(seriesKey, payload)}
        />
      )}
    </g>
  );
}
