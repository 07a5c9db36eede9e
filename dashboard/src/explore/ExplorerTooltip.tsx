import { formatCount, formatMetricValue } from '../chart/format';
import { seriesLabel } from '../chart/palette';
import type { ChartRow } from '../chart/rows';
import { isSmallSample } from '../chart/sampleSize';
import { formatBucket } from '../chart/time';
import { explorerTrendMetric, type ExplorerState } from '../state/explorerState';

interface ExplorerTooltipProps {
  view: ExplorerState;
  seriesKeys: string[];
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}

/** Every series' value and n in the hovered bucket. */
export function ExplorerTooltip({ view, seriesKeys, active, payload }: ExplorerTooltipProps) {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  const metric = explorerTrendMetric(view);
  const share = metric === 'volume_share_of_source';
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{formatBucket(row.ts, view.granularity)}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{view.groupBy}</th>
            <th scope="col">{share ? 'Share' : 'Value'}</th>
            <th scope="col">{share ? 'n of all' : 'n'}</th>
          </tr>
        </thead>
        <tbody>
          {seriesKeys.map((key) => (
            <tr key={key}>
              <th scope="row">{seriesLabel(view.groupBy, key)}</th>
              <td>{formatMetricValue(metric, row.values[key])}</td>
              <td>
                {formatCount(row.counts[key] ?? 0)}
                {share && row.denominators[key] !== undefined && ` of ${formatCount(row.denominators[key])}`}
                {view.metric !== 'volume' && isSmallSample(row.counts[key] ?? 0) && <span className="small-sample-flag"> (small)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
