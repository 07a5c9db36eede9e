import { emptyDraft, splitList, type RuleDraft } from './ruleDraft';
import { RULE_FILTERS, type SavedView } from './types';

/**
 * Opening the rule form from elsewhere: `/alerts?new=1&metric=...&actor=...` (the Explorer's URL
 * parameters) or `/alerts?from_view=<id>` (a saved view). A view holds more than a rule can use,
 * so each mapping says in words what it left out and why. Pure functions: the page fetches the view.
 */

export interface Prefill {
  draft: RuleDraft;
  /** The view's dates, as the backtest's range. */
  backtest: { from: string; to: string };
  /** What of the view did not become part of the rule, and why. */
  notes: string[];
}

type Page = SavedView['page'];

/** A chart's bucket becomes the rule's window: the value it alerts on is one point of that chart. */
const WINDOW_OF_GRANULARITY: Record<string, string> = { hour: '1h', day: '1d', week: '1w' };

function pickMetric(page: Page, params: Record<string, string>, knownMetrics: readonly string[], notes: string[]): string {
  if (page === 'divide') return /sentiment/.test(params.metric ?? '') ? 'divide_sentiment' : 'divide_stance';
  const metric = params.metric ?? 'volume';
  if (!knownMetrics.includes(metric)) {
    notes.push(`The metric "${metric}" cannot be alerted on; pick one below.`);
    return emptyDraft().metric;
  }
  if (metric === 'volume' && params.volume === 'share') notes.push('The view shows volume as a share of each bucket; the rule watches the count of posts.');
  return metric;
}

function describeSlice(metric: string, filters: RuleDraft['filters']): string {
  const parts = RULE_FILTERS.filter((name) => filters[name]).map((name) => `${name} ${filters[name]}`);
  return parts.length ? `${metric} where ${parts.join(', ')}` : metric;
}

/** A draft rule from a page's URL parameters (the Explorer's, or the divide's). */
export function prefillFromParams(page: Page, params: Record<string, string>, knownMetrics: readonly string[]): Prefill {
  const notes: string[] = [];
  const draft = emptyDraft();
  draft.metric = pickMetric(page, params, knownMetrics, notes);
  for (const name of RULE_FILTERS) {
    const values = splitList(params[name] ?? '');
    if (!values) continue;
    if (name === 'actor' && draft.metric.startsWith('divide_')) {
      notes.push('The actor filter is left out: the divide compares the public with the US government itself.');
      continue;
    }
    draft.filters[name] = values.join(',');
  }
  const window = WINDOW_OF_GRANULARITY[params.granularity ?? ''];
  if (window) draft.window = window;
  if (params.group_by && params.group_by !== 'none' && page === 'explore') {
    notes.push(`The view is split by ${params.group_by}; a rule watches the whole filtered slice. Add a ${params.group_by} filter to watch one line.`);
  }
  if (params.q) notes.push(`The keyword "${params.q}" is left out: rules read the hourly counts, which do not keep the text.`);
  if (params.min_confidence) notes.push(`The minimum confidence (${params.min_confidence}) is left out: rules count every analysed post.`);
  if (params.from || params.to) notes.push('The view\'s dates are used as the backtest range; the rule itself always watches the latest window.');
  draft.name = describeSlice(draft.metric, draft.filters);
  return { draft, backtest: { from: params.from ?? '', to: params.to ?? '' }, notes };
}

/** `/alerts?new=1&...`: the form prefilled from the Explorer-style parameters after `new=1`. */
export function prefillFromSearch(search: string, knownMetrics: readonly string[]): Prefill | null {
  const params = new URLSearchParams(search);
  if (params.get('new') !== '1') return null;
  const values = Object.fromEntries([...params].filter(([name]) => name !== 'new'));
  const page: Page = values.metric?.startsWith('divide_') ? 'divide' : 'explore';
  return prefillFromParams(page, values, knownMetrics);
}

/** A draft rule from a saved view, named after it. */
export function prefillFromView(view: SavedView, knownMetrics: readonly string[]): Prefill {
  const prefill = prefillFromParams(view.page, view.params, knownMetrics);
  prefill.draft.name = view.name;
  return prefill;
}
