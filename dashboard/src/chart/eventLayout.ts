// Where the numbered event badges go above a chart, in pixels. Each badge sits as near its line
// as the others allow (they are pushed apart, never stacked on one another, and kept inside the
// plot); a short leader joins a moved badge to its line. When the badges cannot all fit, or one
// would drift too far from its line, the two closest neighbours share one badge ("6–10").

export interface LocatedEvent {
  number: number;
  /** The event's line, px from the chart's left edge. */
  x: number;
}

export interface PlacedBadge {
  /** "3", or "6–10" for neighbours that share a badge. */
  label: string;
  numbers: number[];
  /** The lines the badge stands for. */
  lineXs: number[];
  /** The badge's centre and width, px. */
  x: number;
  width: number;
}

/** Space between two badges, px. */
export const BADGE_GAP = 3;
/** How far a badge may move from its line(s) before neighbours share one. */
export const MAX_SHIFT = 40;

export function badgeWidth(label: string): number {
  return Math.max(18, label.length * 6.5 + 8);
}

interface Group {
  events: LocatedEvent[];
  label: string;
  ideal: number;
  width: number;
}

function group(events: LocatedEvent[]): Group {
  const first = events[0]!;
  const last = events.at(-1)!;
  const label = events.length === 1 ? String(first.number) : `${first.number}–${last.number}`;
  return { events, label, ideal: (first.x + last.x) / 2, width: badgeWidth(label) };
}

/**
 * Centres for boxes of the given widths in [left, right], in order, none overlapping, each as
 * near its ideal centre as the others allow (overlapping runs are placed as one block, centred on
 * their ideals' mean); null when they do not fit side by side.
 */
export function dodge(items: ReadonlyArray<{ ideal: number; width: number }>, left: number, right: number, gap = BADGE_GAP): number[] | null {
  const total = items.reduce((sum, item) => sum + item.width, 0) + gap * Math.max(0, items.length - 1);
  if (total > right - left) return null;
  // A block: consecutive items laid edge to edge from `start`; `offsets` are their left edges within it.
  const blocks: Array<{ start: number; width: number; items: number[]; offsets: number[] }> = [];
  const clamp = (start: number, width: number) => Math.min(Math.max(start, left), right - width);
  items.forEach((item, index) => {
    let block = { start: clamp(item.ideal - item.width / 2, item.width), width: item.width, items: [index], offsets: [0] };
    for (let prev = blocks.at(-1); prev && prev.start + prev.width + gap > block.start; prev = blocks.at(-1)) {
      blocks.pop();
      const shift = prev.width + gap;
      const merged = { items: [...prev.items, ...block.items], offsets: [...prev.offsets, ...block.offsets.map((o) => o + shift)], width: shift + block.width };
      // The start that puts the block's items, on average, on their ideal centres.
      const wanted = merged.items.reduce((sum, i, k) => sum + items[i]!.ideal - items[i]!.width / 2 - merged.offsets[k]!, 0) / merged.items.length;
      block = { ...merged, start: clamp(wanted, merged.width) };
    }
    blocks.push(block);
  });
  const centres: number[] = [];
  for (const block of blocks) block.items.forEach((i, k) => (centres[i] = block.start + block.offsets[k]! + items[i]!.width / 2));
  return centres;
}

/** The badges for events sorted by date, their lines at `x`, in a plot from `left` to `right`. */
export function layoutBadges(events: LocatedEvent[], left: number, right: number, maxShift = MAX_SHIFT): PlacedBadge[] {
  let groups = events.map((event) => group([event]));
  for (;;) {
    const centres = dodge(groups, left, right);
    const fits = centres && groups.every((g, i) => Math.abs(centres[i]! - g.ideal) <= maxShift);
    if ((fits || groups.length <= 1) && centres) {
      return groups.map((g, i) => ({ label: g.label, numbers: g.events.map((e) => e.number), lineXs: g.events.map((e) => e.x), x: centres[i]!, width: g.width }));
    }
    if (groups.length <= 1) return []; // not even one badge fits: the key under the chart still lists them
    // The two neighbours whose lines are closest share a badge.
    let closest = 0;
    for (let i = 1; i < groups.length - 1; i++) {
      if (groups[i + 1]!.ideal - groups[i]!.ideal < groups[closest + 1]!.ideal - groups[closest]!.ideal) closest = i;
    }
    groups = [...groups.slice(0, closest), group([...groups[closest]!.events, ...groups[closest + 1]!.events]), ...groups.slice(closest + 2)];
  }
}
