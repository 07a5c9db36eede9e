interface EventMarkerLabelProps {
  number: number;
  /** 0, 1 or 2: markers of events close in time are staggered vertically. */
  tier: number;
  /** Injected by Recharts: the reference line's box. */
  viewBox?: { x?: number; y?: number };
}

/** The numbered badge at the top of an event's reference line. */
export function EventMarkerLabel({ number, tier, viewBox }: EventMarkerLabelProps) {
  const x = viewBox?.x ?? 0;
  const y = (viewBox?.y ?? 0) + 9 + tier * 19;
  return (
    <g className="event-marker-label" aria-hidden="true">
      <circle cx={x} cy={y} r={8.5} />
      <text x={x} y={y} dy="0.35em" textAnchor="middle">
        {number}
      </text>
    </g>
  );
}
