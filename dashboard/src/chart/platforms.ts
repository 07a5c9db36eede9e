import type { TrendSeries } from '../api/types';
import type { NumberedEvent } from './events';

/** Timeline events of the move to RedNote (and the blackout that drove it), found by their label in the topic pack. */
const MIGRATION = /rednote|xiaohongshu|lemon8|goes dark/i;

export function migrationEvents(events: NumberedEvent[]): NumberedEvent[] {
  return events.filter((event) => MIGRATION.test(event.label));
}

export interface PlatformTotal {
  source: string;
  posts: number;
  /** Share of the platform's scored posts that oppose the ban, over the window; null without posts. */
  opposeShare: number | null;
  /** Posts behind the share. */
  stanceN: number;
}

/** Per platform over the whole window: posts, and the share opposing weighted by each bucket's n. */
export function platformTotals(volume: TrendSeries[], oppose: TrendSeries[]): PlatformTotal[] {
  const stance = new Map(oppose.map((s) => [s.key, s.points]));
  return volume
    .map((series) => {
      const posts = series.points.reduce((sum, p) => sum + p.n, 0);
      const points = stance.get(series.key) ?? [];
      const stanceN = points.reduce((sum, p) => sum + p.n, 0);
      const opposed = points.reduce((sum, p) => sum + p.value * p.n, 0);
      return { source: series.key, posts, opposeShare: stanceN > 0 ? opposed / stanceN : null, stanceN };
    })
    .sort((a, b) => b.posts - a.posts || a.source.localeCompare(b.source));
}
