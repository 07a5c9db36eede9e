import { formatTick, timeTicks } from '../chart/time';

/**
 * Props for a Recharts XAxis that shows bucket start times on a shared time
 * scale. With no domain (an unusable date range), the axis spans the data.
 */
export function timeAxisProps(domain: [number, number] | null) {
  const [start, end] = domain ?? [NaN, NaN];
  const known = domain !== null;
  return {
    dataKey: 'ts',
    type: 'number' as const,
    scale: 'time' as const,
    domain: known ? domain : (['dataMin', 'dataMax'] as [string, string]),
    allowDataOverflow: known,
    ticks: known ? timeTicks(start, end) : undefined,
    tickFormatter: (value: number) => formatTick(value, known ? end - start : Infinity),
    minTickGap: 8,
  };
}
