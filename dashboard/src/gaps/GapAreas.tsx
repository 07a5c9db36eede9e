import { ReferenceArea } from 'recharts';
import type { GapSpan } from '../api/types';
import { describeGapTime, gapLabel, gapPatternIds, MIN_GAP_WIDTH_PX } from '../chart/gaps';

/** Hatch colours: grey for silence, red for failure; distinct from every series colour. */
const HATCH = { no_posts: '#6b7280', failing: '#b91c1c' } as const;

interface GapRectProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  gap: GapSpan;
  fill: string;
}

/** One gap span as a hatched band, at least MIN_GAP_WIDTH_PX wide, named for screen readers and hover. */
function GapRect({ x = 0, y = 0, width = 0, height = 0, gap, fill }: GapRectProps) {
  const drawn = Math.max(width, MIN_GAP_WIDTH_PX);
  const label = `${gapLabel(gap)}: ${describeGapTime(gap)}`;
  return (
    <rect
      className={`gap-area gap-area-${gap.reason}`}
      x={x + width / 2 - drawn / 2}
      y={y}
      width={drawn}
      height={height}
      fill={fill}
      data-source={gap.source}
      data-reason={gap.reason}
      data-from={gap.from}
      data-to={gap.to}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
    </rect>
  );
}

/**
 * The gap spans of a chart as shaded bands behind its series, with the hatch patterns they use.
 * Called as a function so the elements sit directly inside the Recharts chart; `prefix` keeps
 * each chart's pattern ids its own.
 */
export function gapAreas(gaps: readonly GapSpan[] | undefined, prefix: string) {
  if (!gaps || gaps.length === 0) return [];
  const ids = gapPatternIds(prefix);
  const patterns = (
    <defs key="gap-patterns">
      {(['no_posts', 'failing'] as const).map((reason) => (
        <pattern key={reason} id={ids[reason]} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill={HATCH[reason]} fillOpacity={0.12} />
          <line x1="0" y1="0" x2="0" y2="6" stroke={HATCH[reason]} strokeWidth="2" strokeOpacity={0.55} />
        </pattern>
      ))}
    </defs>
  );
  const areas = gaps.map((gap) => (
    <ReferenceArea
      key={`gap-${gap.source}-${gap.reason}-${gap.from}`}
      x1={Date.parse(gap.from)}
      x2={Date.parse(gap.to)}
      ifOverflow="hidden"
      shape={(props: Omit<GapRectProps, 'gap' | 'fill'>) => <GapRect {...props} gap={gap} fill={`url(#${ids[gap.reason]})`} />}
    />
  ));
  return [patterns, ...areas];
}

/** The swatch a legend shows for a reason: the same hatch, drawn in CSS. */
export function gapSwatchClass(reason: GapSpan['reason']): string {
  return `gap-swatch gap-swatch-${reason}`;
}
