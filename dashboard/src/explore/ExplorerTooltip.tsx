import { formatCount, formatMetricValue } from '../chart/format';
import { seriesLabel } from '../chart/palette';
import type { ChartRow } from '../chart/rows';
import { isSmallSample } from '../chart/sampleSize';
import { formatBucket } from '../chart/time';
import type { ExplorerState } from '../state/explorerState';

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
  const share = view.metric === 'volume' && view.volume === 'share';
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{formatBucket(row.ts, view.granularity)}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{view.groupBy}</th>
            <th scope="col">{share ? 'Share' : 'Value'}</th>
            <th scope="col">n</th>
          </tr>
        </thead>
        <tbody>
          {seriesKeys.map((key) => (
            <tr key={key}>
              <th scope="row">{seriesLabel(view.groupBy, key)}</th>
              <td>{formatMetricValue(share ? 'stance_oppose_share' : view.metric, row.values[key])}</td>
              <td>
                {formatCount(row.counts[key] ?? 0)}
                {view.metric !== 'volume' && isSmallSample(row.counts[key] ?? 0) && <span className="small-sample-flag"> (small)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
