import { usePlotArea, useXAxisScale } from 'recharts';
import type { NumberedEvent } from '../chart/events';
import { layoutBadges, type LocatedEvent } from '../chart/eventLayout';

/** The badge's centre sits this far above the plot; its leader runs down to the plot's top edge. */
const BADGE_RISE = 17;
const BADGE_HEIGHT = 18;
// Colours as attributes, not CSS: an exported SVG or PNG carries no stylesheet.
const BADGE_FILL = '#374151';

/**
 * The numbered badges above the plot, one per event (or per run of close events, "6–10"), laid
 * out in pixels so that none covers another at any width; a leader joins each to its line(s).
 * Rendered inside a Recharts chart, whose x scale and plot area it reads.
 */
export function EventBadges({ events }: { events: NumberedEvent[] }) {
  const scale = useXAxisScale();
  const plot = usePlotArea();
  if (!scale || !plot || events.length === 0) return null;
  const located: LocatedEvent[] = [];
  for (const event of events) {
    const x = scale(event.ms);
    if (x !== undefined && Number.isFinite(x) && x >= plot.x && x <= plot.x + plot.width) located.push({ number: event.number, x });
  }
  const top = plot.y;
  const y = top - BADGE_RISE;
  return (
    <g className="event-badges" aria-hidden="true">
      {layoutBadges(located, plot.x, plot.x + plot.width).map((badge) => (
        <g key={badge.label} className="event-marker-label">
          {badge.lineXs.map((lineX, i) => (
            <line key={badge.numbers[i]} className="event-leader" stroke={BADGE_FILL} x1={badge.x} y1={y + BADGE_HEIGHT / 2} x2={lineX} y2={top} />
          ))}
          <rect x={badge.x - badge.width / 2} y={y - BADGE_HEIGHT / 2} width={badge.width} height={BADGE_HEIGHT} rx={BADGE_HEIGHT / 2} fill={BADGE_FILL} />
          <text x={badge.x} y={y} dy="0.35em" textAnchor="middle" fill="#ffffff" fontSize={10} fontWeight={700}>
            {badge.label}
          </text>
        </g>
      ))}
    </g>
  );
}
