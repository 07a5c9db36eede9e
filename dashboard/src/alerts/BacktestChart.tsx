import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { timeAxisProps } from '../divide/TimeAxisProps';
import { formatAlertValue, formatAxisTick, formatCount, formatTime, STATUS_WORDS } from './format';
import type { AlertStatus, BacktestResult } from './types';

export interface BacktestRow {
  ts: number;
  value: number | null;
  n: number;
  status: AlertStatus;
  insufficient: boolean;
}

interface Props {
  result: BacktestResult;
  metric: string;
  threshold: number;
  recoveryThreshold: number;
}

const FIRING_FILL = '#dc2626';

/** A hollow grey circle on evaluations whose n was under the minimum sample: they could not fire. */
function SmallSampleMark({ cx, cy, payload }: { cx?: number; cy?: number; payload?: BacktestRow }) {
  if (cx === undefined || cy === undefined || !payload?.insufficient || payload.value === null) return <g />;
  return <circle className="backtest-small-sample" cx={cx} cy={cy} r={3} fill="#fff" stroke="#9ca3af" strokeWidth={1.5} />;
}

function BacktestTooltip({ active, payload, metric }: { active?: boolean; payload?: ReadonlyArray<{ payload?: BacktestRow }>; metric: string }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{formatTime(row.ts)}</p>
      <p>
        {formatAlertValue(metric, row.value)}, n = {formatCount(row.n)}
      </p>
      <p>
        State: {STATUS_WORDS[row.status]}
        {row.insufficient ? ' (too few posts to judge)' : ''}
      </p>
    </div>
  );
}

/**
 * The metric at each evaluation of the backtest, the threshold and recovery threshold as
 * lines, and each firing episode shaded from when it fired to when it resolved.
 */
export function BacktestChart({ result, metric, threshold, recoveryThreshold }: Props) {
  const rows: BacktestRow[] = result.points.map((p) => ({ ts: Date.parse(p.at), value: p.value, n: p.n, status: p.status, insufficient: p.insufficient }));
  const domain: [number, number] = [Date.parse(result.from), Date.parse(result.to)];
  return (
    <ResponsiveContainer width="100%" height={300} initialDimension={{ width: 800, height: 300 }}>
      <LineChart data={rows} margin={{ top: 20, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e5e7eb" vertical={false} />
        <XAxis {...timeAxisProps(domain)} />
        <YAxis width={64} tickFormatter={(v: number) => formatAxisTick(metric, v)} domain={['auto', 'auto']} />
        {result.episodes.map((e) => (
          <ReferenceArea
            key={e.fired_at}
            className="backtest-episode"
            x1={Date.parse(e.fired_at)}
            x2={e.resolved_at ? Date.parse(e.resolved_at) : domain[1]}
            fill={FIRING_FILL}
            fillOpacity={0.15}
            ifOverflow="hidden"
          />
        ))}
        <ReferenceLine
          className="backtest-threshold"
          y={threshold}
          stroke={FIRING_FILL}
          ifOverflow="extendDomain"
          label={{ value: `threshold ${formatAlertValue(metric, threshold)}`, position: 'insideTopLeft', fontSize: 12 }}
        />
        {recoveryThreshold !== threshold && (
          <ReferenceLine
            className="backtest-recovery"
            y={recoveryThreshold}
            stroke="#2563eb"
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{ value: `recovery ${formatAlertValue(metric, recoveryThreshold)}`, position: 'insideBottomRight', fontSize: 12 }}
          />
        )}
        <Tooltip content={(t) => <BacktestTooltip active={t.active} payload={t.payload as ReadonlyArray<{ payload?: BacktestRow }>} metric={metric} />} />
        <Line type="linear" dataKey="value" stroke="#111827" strokeWidth={1.5} dot={(p) => <SmallSampleMark key={p.index} {...p} />} activeDot={{ r: 4 }} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
