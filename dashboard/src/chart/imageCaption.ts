// The words an exported chart image carries, built from the same data as the page: its title,
// the page's dates, the n as the chart counts it (posts, or authors per point), the synthetic
// share of its posts and the key to its event badges.
import type { TrendsResponse } from '../api/types';
import type { NumberedEvent } from './events';
import { formatCount } from './format';
import type { ChartImageText, LegendItem } from './publish';
import { compositionSentence } from './synthetic';
import { formatDate } from './time';

const DAY_MS = 86_400_000;

export interface ImageCaptionInput {
  title: string;
  data: TrendsResponse;
  /** The window as the page states it: the API's [from, to) instants. */
  apiFrom: string;
  apiTo: string;
  events: NumberedEvent[];
  legend: LegendItem[];
  isVolume: boolean;
  hasGaps: boolean;
}

/** "1 Mar 2024 to 30 Jun 2025": the page's first and last day ([from, to) read as whole days). */
export function pageDates(apiFrom: string, apiTo: string): string {
  const from = Date.parse(apiFrom);
  const to = Date.parse(apiTo);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return `${apiFrom} to ${apiTo}`;
  // An exclusive end at midnight is the day before; an instant inside a day is that day.
  const last = to % DAY_MS === 0 ? to - DAY_MS : to;
  return `${formatDate(from)} to ${formatDate(last)}`;
}

/** Per author: how many authors stand behind each point, lowest and highest. */
function authorsPerPoint(data: TrendsResponse): string | null {
  const counts = data.series.flatMap((s) => s.points.map((p) => p.n_authors ?? 0)).filter((n) => n > 0);
  if (counts.length === 0) return null;
  const [low, high] = [Math.min(...counts), Math.max(...counts)];
  return low === high ? `${formatCount(low)} authors a point` : `${formatCount(low)} to ${formatCount(high)} authors a point`;
}

export function chartImageText(input: ImageCaptionInput): ChartImageText {
  const { title, data, isVolume } = input;
  const perAuthor = data.unit === 'author';
  const authors = perAuthor ? authorsPerPoint(data) : null;
  const caption = [
    `${pageDates(input.apiFrom, input.apiTo)} (UTC), one point per ${data.granularity}, by actor class.`,
    compositionSentence(data.composition),
    perAuthor
      ? isVolume
        ? 'Counts are distinct authors.'
        : `Per author: each point is the mean over its bucket's authors${authors ? ` (${authors})` : ''}.`
      : 'Per post: every post counts once.',
    ...(isVolume ? [] : ['Hollow points: fewer than 30 authors.']),
    ...(input.hasGaps ? ['Hatched bands: gaps in collection.'] : []),
    'Source: Rift.',
  ];
  const eventKey = input.events.map((event) => `${event.number} · ${formatDate(event.ms)} · ${event.label}`);
  return { title, caption, legend: input.legend, eventKey };
}
