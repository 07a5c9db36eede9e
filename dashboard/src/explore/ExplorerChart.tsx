import { valueAxis } from '../chart/axes';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import { useId } from 'react';
import type { GapSpan } from '../api/types';
import type { NumberedEvent } from '../chart/events';
import { eventReferenceLines } from '../divide/EventReferenceLines';
import { seriesClassName } from '../chart/actors';
import { gapAreas } from '../gaps/GapAreas';
import { formatAxisValue } from '../chart/format';
import { seriesColor, seriesLabel } from '../chart/palette';
import type { ChartRow } from '../chart/rows';
import { SmallSampleDot } from '../divide/SmallSampleDot';
import { timeAxisProps } from '../divide/TimeAxisProps';
import { explorerTrendMetric, type ExplorerState } from '../state/explorerState';
import { ExplorerTooltip } from './ExplorerTooltip';
import type { ChangePointMark } from '../chart/changePoints';
import { changePointDots, type ChangePointStyle } from '../divide/ChangePointMarkers';

interface ExplorerChartProps {
  view: ExplorerState;
  rows: ChartRow[];
  seriesKeys: string[];
  domainX: [number, number] | null;
  /** Words on the y axis: what the numbers are (counts or shares). */
  yLabel: string;
  /** Hours in which a source of the filter collected nothing or was failing, shaded. */
  gaps?: readonly GapSpan[];
  /** The topic pack's events in the window, marked as on the divide's charts. */
  events: NumberedEvent[];
  onSelectPoint: (seriesKey: string, row: ChartRow) => void;
  /** The series' change points (the API's), as diamonds with their size, drawn in this style. */
  changePoints: { marks: readonly ChangePointMark[]; style: ChangePointStyle };
}

/** One line per value of the chosen dimension; every point opens the posts behind it. */
export function ExplorerChart({ view, rows, seriesKeys, domainX, yLabel, gaps, events, onSelectPoint, changePoints }: ExplorerChartProps) {
  const metric = explorerTrendMetric(view);
  // Shares of the source's posts are often small: their axis runs from 0 to a round top, not to 100%.
  const axis = valueAxis(metric, rows, seriesKeys);
  const gapPrefix = useId();
  return (
    <ResponsiveContainer width="100%" height={340} initialDimension={{ width: 800, height: 340 }}>
      <LineChart data={rows} margin={{ top: 28, right: 24, bottom: 8, left: 24 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        {gapAreas(gaps, gapPrefix)}
        <XAxis {...timeAxisProps(domainX)} />
        <YAxis
          domain={axis.domain}
          ticks={axis.ticks}
          interval={0}
          tickFormatter={(v: number) => formatAxisValue(metric, v)}
          width={64}
          label={{ value: yLabel, angle: -90, position: 'insideLeft', offset: -12, className: 'explorer-y-label' }}
        />
        {eventReferenceLines(events, true)}
        <Tooltip
          content={(tooltip) => (
            <ExplorerTooltip view={view} seriesKeys={seriesKeys} active={tooltip.active} payload={tooltip.payload} />
          )}
        />
        {seriesKeys.map((key, index) => {
          const color = seriesColor(view.groupBy, key, index);
          return (
            <Line
              key={key}
              className={seriesClassName(key)}
              name={seriesLabel(view.groupBy, key)}
              dataKey={(row: ChartRow) => row.values[key] ?? null}
              type="linear"
              stroke={color}
              strokeWidth={2}
              dot={(dot: DotItemDotProps) => (
                <SmallSampleDot
                  key={`${key}-${dot.index}`}
                  seriesKey={key}
                  color={color}
                  cx={dot.cx}
                  cy={dot.cy}
                  payload={dot.payload as ChartRow}
                  onSelect={onSelectPoint}
                  flagSmall={view.metric !== 'volume'}
                />
              )}
              activeDot={{ r: 4 }}
              isAnimationActive={false}
            />
          );
        })}
        {changePointDots(changePoints.marks, changePoints.style)}
      </LineChart>
    </ResponsiveContainer>
  );
}
