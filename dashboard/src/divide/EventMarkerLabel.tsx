interface EventMarkerLabelProps {
  /** "3" or "6–10" for a cluster of events close in time. */
  text: string;
  /** Injected by Recharts: the reference line's box. */
  viewBox?: { x?: number; y?: number };
}

/** The numbered badge just above the plot, at an event's (or cluster's) reference line. */
export function EventMarkerLabel({ text, viewBox }: EventMarkerLabelProps) {
  const x = viewBox?.x ?? 0;
  const y = (viewBox?.y ?? 0) - 11;
  const width = Math.max(18, text.length * 6.5 + 8);
  return (
    <g className="event-marker-label" aria-hidden="true">
      <rect x={x - width / 2} y={y - 9} width={width} height={18} rx={9} />
      <text x={x} y={y} dy="0.35em" textAnchor="middle">
        {text}
      </text>
    </g>
  );
}
