import { useId } from 'react';
import type { GapSpan } from '../api/types';
import { valueAxis } from '../chart/axes';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { actorStyle, seriesClassName } from '../chart/actors';
import type { Metric } from '../api/types';
import type { NumberedEvent } from '../chart/events';
import { formatAxisValue } from '../chart/format';
import type { ChartRow } from '../chart/rows';
import type { ViewGranularity } from '../state/viewState';
import { VOLUME_AXIS_LABELS } from '../state/volumeMode';
import { ChartTooltip } from './ChartTooltip';
import { eventReferenceLines } from './EventReferenceLines';
import { timeAxisProps } from './TimeAxisProps';
import { gapAreas } from '../gaps/GapAreas';

interface VolumeAreaChartProps {
  /** Counts (volume) or shares of the source's posts (volume_share_of_source). */
  metric: Extract<Metric, 'volume' | 'volume_share_of_source'>;
  rows: ChartRow[];
  seriesKeys: string[];
  domainX: [number, number] | null;
  granularity: ViewGranularity;
  events: NumberedEvent[];
  /** Hours in which a source collected nothing or was failing, shaded. */
  gaps?: readonly GapSpan[];
}

/**
 * Posts per bucket, stacked by actor class: as counts, or as shares of all posts of the source(s)
 * in the bucket (the actor classes' shares then stack to at most 100%).
 */
export function VolumeAreaChart({ metric, rows, seriesKeys, domainX, granularity, events, gaps }: VolumeAreaChartProps) {
  const label = VOLUME_AXIS_LABELS[metric === 'volume' ? 'count' : 'source_share'];
  const gapPrefix = useId();
  const axis = valueAxis(metric, rows, seriesKeys, true);
  return (
    <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 800, height: 220 }}>
      <AreaChart data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 24 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        {gapAreas(gaps, gapPrefix)}
        <XAxis {...timeAxisProps(domainX)} />
        <YAxis
          domain={axis.domain}
          ticks={axis.ticks}
          interval={0}
          tickFormatter={(v: number) => formatAxisValue(metric, v)}
          width={56}
          label={{ value: label, angle: -90, position: 'insideLeft', offset: -12, className: 'volume-y-label' }}
        />
        {eventReferenceLines(events, false)}
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
