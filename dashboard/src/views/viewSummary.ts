import { seriesLabel } from '../chart/palette';
import { METRIC_LABELS } from '../explore/ExplorerControls';
import { dateOnlyToMs, formatDate } from '../chart/time';
import { FILTER_NAMES, parseExplorerState } from '../state/explorerState';
import { parseViewState } from '../state/viewState';
import type { SavedView } from './savedViews';

// A saved view's filters in words, read with the same parsers the pages use, so the summary
// shows the defaults a page fills in (e.g. "per week") as the reopened page will.

export const PAGE_LABELS: Record<SavedView['page'], string> = { divide: 'The divide', explore: 'Explorer' };

function day(value: string): string {
  const ms = dateOnlyToMs(value);
  return Number.isFinite(ms) ? formatDate(ms) : value;
}

function range(from: string | null, to: string | null): string {
  if (from && to) return `${day(from)} to ${day(to)}`;
  if (from) return `from ${day(from)}`;
  if (to) return `until ${day(to)}`;
  return 'all dates';
}

/** The parts of the summary, one filter each, e.g. ["Volume (posts) by lang", "per week", "actor: Public"]. */
export function summarizeView(view: Pick<SavedView, 'page' | 'params'>): string[] {
  const search = new URLSearchParams(view.params).toString();
  if (view.page === 'divide') {
    const state = parseViewState(search);
    const parts = [`per ${state.granularity}`, range(state.from, state.to)];
    if (state.volume === 'source_share') parts.push("volume as a share of the source's posts");
    return parts;
  }
  const state = parseExplorerState(search);
  const parts = [`${METRIC_LABELS[state.metric]} by ${state.groupBy}`, `per ${state.granularity}`, range(state.from, state.to)];
  for (const name of FILTER_NAMES) {
    const value = state.filters[name];
    if (value) parts.push(`${name}: ${value.split(',').map((v) => seriesLabel(name, v)).join(', ')}`);
  }
  if (state.q) parts.push(`keyword “${state.q}”`);
  if (state.metric === 'volume' && state.volume === 'source_share') parts.push("as a share of the source's posts");
  if (state.minConfidence) parts.push(`${state.confidenceOn} confidence at least ${state.minConfidence}`);
  return parts;
}
