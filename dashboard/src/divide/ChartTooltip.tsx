import type { Metric } from '../api/types';
import { actorStyle } from '../chart/actors';
import type { NumberedEvent } from '../chart/events';
import { formatCount, formatMetricValue } from '../chart/format';
import type { ChartRow } from '../chart/rows';
import { isSmallSample } from '../chart/sampleSize';
import { formatBucket, inBucket } from '../chart/time';
import type { ViewGranularity } from '../state/viewState';

interface ChartTooltipProps {
  metric: Metric;
  seriesKeys: string[];
  granularity: ViewGranularity;
  events: NumberedEvent[];
  /** Injected by Recharts. */
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
}

/** Value and n of every series in the hovered bucket, plus the events in it. */
export function ChartTooltip({ metric, seriesKeys, granularity, events, active, payload }: ChartTooltipProps) {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  const bucketEvents = events.filter((event) => inBucket(event.ms, row.ts, granularity));
  return (
    <div className="chart-tooltip" data-ts={row.ts}>
      <p className="chart-tooltip-title">{formatBucket(row.ts, granularity)}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Actor</th>
            <th scope="col">Value</th>
            <th scope="col">n</th>
          </tr>
        </thead>
        <tbody>
          {seriesKeys.map((key) => {
            const style = actorStyle(key);
            return (
              <tr key={key} className={style.emphasized ? 'emphasized' : 'muted'} data-series={key}>
                <th scope="row">
                  <span className="swatch" style={{ background: style.color }} aria-hidden="true" />
                  {style.label}
                </th>
                <td>{formatMetricValue(metric, row.values[key])}</td>
                <td>
                  {formatCount(row.counts[key] ?? 0)}
                  {row.denominators[key] !== undefined && ` of ${formatCount(row.denominators[key])}`}
                  {` (${formatCount(row.authors[key] ?? 0)} authors)`}
                  {metric !== 'volume' && metric !== 'volume_share_of_source' && row.values[key] != null && isSmallSample(row.authors[key] ?? 0) && (
                    <span className="small-sample-flag" title="Fewer authors than the minimum sample size">
                      {' '}
                      (small)
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {bucketEvents.length > 0 && (
        <ul className="chart-tooltip-events">
          {bucketEvents.map((event) => (
            <li key={event.number}>
              <span className="event-number">{event.number}</span> {event.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
