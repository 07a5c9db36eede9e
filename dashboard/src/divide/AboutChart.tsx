import type { TrendSeries } from '../api/types';
import { actorStyle } from '../chart/actors';
import { formatCount } from '../chart/format';
import { totalN } from '../chart/rows';

interface AboutChartProps {
  definition: string;
  series: TrendSeries[];
  seriesKeys: string[];
  rangeText: string;
  granularity: string;
}

/** "About this chart": the metric's definition (from the API), the window and the n behind it. */
export function AboutChart({ definition, series, seriesKeys, rangeText, granularity }: AboutChartProps) {
  const byKey = new Map(series.map((s) => [s.key, s]));
  const counts = seriesKeys.map((key) => ({ key, n: totalN(byKey.get(key) ?? { key, points: [] }) }));
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  return (
    <div className="about-chart">
      <h3>About this chart</h3>
      <p>
        <span className="about-definition">{definition || 'The API gave no definition for this metric.'}</span>{' '}
        {rangeText}, one point per {granularity} (UTC).
      </p>
      <p className="about-n">
        n = {formatCount(total)} posts
        {counts.length > 0 && ' ('}
        {counts.map((c, i) => (
          <span key={c.key}>
            {i > 0 && ', '}
            {actorStyle(c.key).label} {formatCount(c.n)}
          </span>
        ))}
        {counts.length > 0 && ')'}. Each point's own n is in its tooltip.
      </p>
    </div>
  );
}
