import { useId } from 'react';
import type { GapSpan } from '../api/types';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { actorStyle, seriesClassName } from '../chart/actors';
import type { NumberedEvent } from '../chart/events';
import { formatAxisValue } from '../chart/format';
import type { ChartRow } from '../chart/rows';
import type { ViewGranularity } from '../state/viewState';
import { ChartTooltip } from './ChartTooltip';
import { eventReferenceLines } from './EventReferenceLines';
import { timeAxisProps } from './TimeAxisProps';
import { gapAreas } from '../gaps/GapAreas';

interface VolumeAreaChartProps {
  rows: ChartRow[];
  seriesKeys: string[];
  domainX: [number, number] | null;
  granularity: ViewGranularity;
  events: NumberedEvent[];
  /** Hours in which a source collected nothing or was failing, shaded. */
  gaps?: readonly GapSpan[];
}

/** Posts per bucket, stacked by actor class. */
export function VolumeAreaChart({ rows, seriesKeys, domainX, granularity, events, gaps }: VolumeAreaChartProps) {
  const gapPrefix = useId();
  return (
    <ResponsiveContainer width="100%" height={200} initialDimension={{ width: 800, height: 200 }}>
      <AreaChart data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        {gapAreas(gaps, gapPrefix)}
        <XAxis {...timeAxisProps(domainX)} />
        <YAxis tickFormatter={(v: number) => formatAxisValue('volume', v)} width={56} />
        {eventReferenceLines(events, domainX, false)}
        <Tooltip
          content={(tooltip) => (
            <ChartTooltip
              metric="volume"
              seriesKeys={seriesKeys}
              granularity={granularity}
              events={events}
              active={tooltip.active}
              payload={tooltip.payload}
            />
          )}
        />
        {seriesKeys.map((key) => {
          const style = actorStyle(key);
          return (
            <Area
              key={key}
              className={seriesClassName(key)}
              name={style.label}
              dataKey={(row: ChartRow) => row.values[key] ?? 0}
              stackId="volume"
              type="stepAfter"
              stroke={style.color}
              fill={style.color}
              fillOpacity={style.emphasized ? 0.75 : 0.35}
              strokeWidth={style.emphasized ? 1 : 0.5}
              isAnimationActive={false}
            />
          );
        })}
      </AreaChart>
    </ResponsiveContainer>
  );
}
