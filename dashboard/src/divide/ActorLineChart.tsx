import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type DotItemDotProps,
} from 'recharts';
import { useId } from 'react';
import type { GapSpan, Metric } from '../api/types';
import { actorStyle, seriesClassName } from '../chart/actors';
import type { NumberedEvent } from '../chart/events';
import { formatAxisValue } from '../chart/format';
import type { ChartRow } from '../chart/rows';
import { valueAxis } from '../chart/axes';
import type { ViewGranularity } from '../state/viewState';
import { ChartTooltip } from './ChartTooltip';
import { SmallSampleDot } from './SmallSampleDot';
import { eventReferenceLines } from './EventReferenceLines';
import { timeAxisProps } from './TimeAxisProps';
import { gapAreas } from '../gaps/GapAreas';
import type { ChangePointMark } from '../chart/changePoints';
import { changePointDots, type ChangePointStyle } from './ChangePointMarkers';

interface ActorLineChartProps {
  metric: Metric;
  rows: ChartRow[];
  seriesKeys: string[];
  domainX: [number, number] | null;
  granularity: ViewGranularity;
  events: NumberedEvent[];
  /** Draw a horizontal line at y = 0 (e.g. neutral sentiment). */
  zeroLine?: boolean;
  /** Hours in which a source collected nothing or was failing, shaded. */
  gaps?: readonly GapSpan[];
  /** Called when a point is clicked: open the posts behind it. */
  onSelectPoint?: (seriesKey: string, row: ChartRow) => void;
  /** The series' change points (the API's), as diamonds with their size, drawn in this style. */
  changePoints?: { marks: readonly ChangePointMark[]; style: ChangePointStyle };
}

/** One line per actor class over time; public and US government stand out, the rest are muted. */
export function ActorLineChart(props: ActorLineChartProps) {
  const { metric, rows, seriesKeys, domainX, granularity, events, zeroLine, gaps, onSelectPoint, changePoints } = props;
  const axis = valueAxis(metric, rows, seriesKeys);
  const gapPrefix = useId();
  // Muted series first so the two sides of the divide are drawn on top.
  const drawOrder = [...seriesKeys].sort(
    (a, b) => Number(actorStyle(a).emphasized) - Number(actorStyle(b).emphasized),
  );
  return (
    <ResponsiveContainer width="100%" height={300} initialDimension={{ width: 800, height: 300 }}>
      <LineChart data={rows} margin={{ top: 28, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        {gapAreas(gaps, gapPrefix)}
        <XAxis {...timeAxisProps(domainX)} />
        <YAxis domain={axis.domain} ticks={axis.ticks} interval={0} tickFormatter={(v: number) => formatAxisValue(metric, v)} width={56} />
        {zeroLine && <ReferenceLine y={0} stroke="#9ca3af" ifOverflow="extendDomain" />}
        {eventReferenceLines(events, true)}
        <Tooltip
          content={(tooltip) => (
            <ChartTooltip
              metric={metric}
              seriesKeys={seriesKeys}
              granularity={granularity}
              events={events}
              active={tooltip.active}
              payload={tooltip.payload}
            />
          )}
        />
        {drawOrder.map((key) => {
          const style = actorStyle(key);
          return (
            <Line
              key={key}
              className={seriesClassName(key)}
              name={style.label}
              dataKey={(row: ChartRow) => row.values[key] ?? null}
              type="linear"
              stroke={style.color}
              strokeWidth={style.emphasized ? 2.5 : 1}
              strokeOpacity={style.emphasized ? 1 : 0.45}
              dot={
                style.emphasized
                  ? (dot: DotItemDotProps) => (
                      <SmallSampleDot
                        key={`${key}-${dot.index}`}
                        seriesKey={key}
                        color={style.color}
                        cx={dot.cx}
                        cy={dot.cy}
                        payload={dot.payload as ChartRow}
                        onSelect={onSelectPoint}
                      />
                    )
                  : false
              }
              activeDot={{ r: style.emphasized ? 4 : 3 }}
              isAnimationActive={false}
            />
          );
        })}
        {changePoints && changePointDots(changePoints.marks, changePoints.style)}
      </LineChart>
    </ResponsiveContainer>
  );
}
