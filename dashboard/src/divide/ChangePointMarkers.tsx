import { ReferenceDot } from 'recharts';
import type { Metric, TrendsResponse, Unit } from '../api/types';
import { CHANGE_POINT_EXPLANATION, formatChangeSize, type ChangePointMark } from '../chart/changePoints';
import { formatMetricValue } from '../chart/format';
import { formatBucket } from '../chart/time';
import type { ViewGranularity } from '../state/viewState';

/** What the markers need to know to draw and describe a chart's change points. */
export interface ChangePointStyle {
  metric: Metric;
  unit?: Unit;
  granularity: ViewGranularity;
  colorOf: (seriesKey: string) => string;
  labelOf: (seriesKey: string) => string;
}

/** "Public: level from 45% to 59% (+14 pts), from week of 13 Jan 2025 to 19 Jan 2025": what a marker says on hover and in the list. */
function describeChangePoint(mark: ChangePointMark, style: ChangePointStyle): string {
  const size = formatChangeSize(style.metric, mark.size, style.unit);
  return `${style.labelOf(mark.seriesKey)}: level from ${formatMetricValue(style.metric, mark.before)} to ${formatMetricValue(style.metric, mark.after)} (${size}), from ${lowerFirst(formatBucket(mark.ts, style.granularity))}`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * A diamond on each change point's first point of the new level, with the change beside it
 * ("+14 pts") and, on hover, its date and both levels. Called as a function so the elements sit
 * directly inside the Recharts chart, like the event lines.
 */
export function changePointDots(marks: readonly ChangePointMark[], style: ChangePointStyle) {
  return marks.map((mark) => (
    <ReferenceDot
      key={`change-${mark.seriesKey}-${mark.ts}`}
      x={mark.ts}
      y={mark.y}
      ifOverflow="hidden"
      shape={(props: { cx?: number; cy?: number }) => <ChangePointShape cx={props.cx} cy={props.cy} mark={mark} style={style} />}
    />
  ));
}

function ChangePointShape({ cx, cy, mark, style }: { cx?: number; cy?: number; mark: ChangePointMark; style: ChangePointStyle }) {
  if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return <g />;
  const color = style.colorOf(mark.seriesKey);
  const r = 6;
  return (
    <g className="change-point" data-testid="change-point" data-series={mark.seriesKey} data-t={mark.t} data-size={mark.size}>
      <title>{describeChangePoint(mark, style)}</title>
      <path d={`M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z`} fill={color} stroke="#fff" strokeWidth={1.5} />
      {/* Beside the diamond, not above or below it, where the event badges and the time axis sit; styled by
          attributes, not the stylesheet, so that an exported SVG or PNG shows it the same. */}
      <text x={cx + r + 3} y={cy + 4} className="change-point-size" fill={color} fontSize={11} fontWeight={600} stroke="#fff" strokeWidth={3} paintOrder="stroke">
        {formatChangeSize(style.metric, mark.size, style.unit)}
      </text>
    </g>
  );
}

/** The change points of a chart, listed under it: date, series and both levels, for readers who cannot hover. */
export function ChangePointList({ marks, style }: { marks: readonly ChangePointMark[]; style: ChangePointStyle }) {
  if (marks.length === 0) return null;
  return (
    <ul className="change-point-list" aria-label="Change points marked on this chart">
      {marks.map((mark) => (
        <li key={`${mark.seriesKey}-${mark.ts}`} data-series={mark.seriesKey} data-t={mark.t}>
          <span className="change-point-key" aria-hidden="true" style={{ color: style.colorOf(mark.seriesKey) }}>
            ◆
          </span>{' '}
          {describeChangePoint(mark, style)}
        </li>
      ))}
    </ul>
  );
}

/** The method in "about this chart", with the API's own statement of it and how many were found. */
export function ChangePointAbout({ data, marks }: { data: TrendsResponse; marks: readonly ChangePointMark[] }) {
  const found = marks.length === 0 ? 'None found on this chart.' : `${marks.length} found on this chart, listed under it.`;
  return (
    <p className="about-change-points" data-testid="about-change-points">
      {CHANGE_POINT_EXPLANATION} {found}
      {data.change_point_method && <> The API states its method as: “{data.change_point_method}”.</>}
    </p>
  );
}
