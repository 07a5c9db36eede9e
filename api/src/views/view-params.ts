import { FILTER_MAX_LENGTH, KEYWORD_MAX_LENGTH } from '@rift/queries';

/**
 * What a saved view may hold: the dashboard pages that can be saved and, for each, the URL
 * parameters that page reads (dashboard/src/state/viewState.ts for the Divide,
 * dashboard/src/state/explorerState.ts for the Explorer) with the longest value accepted.
 * This is the one list on the server: a page that learns a new parameter adds it here.
 * Values are not judged beyond their length: reopening a view hands them to the page, which
 * asks the API, and the API's message says what is wrong, as for a typed-in link.
 */

export const VIEW_PAGES = ['divide', 'explore'] as const;
export type ViewPage = (typeof VIEW_PAGES)[number];

/** Where each page lives in the dashboard. */
export const PAGE_PATHS: Record<ViewPage, string> = { divide: '/', explore: '/explore' };

const DATE = 40;
const CHOICE = 64;

export const PAGE_PARAMS: Record<ViewPage, Readonly<Record<string, number>>> = {
  divide: { granularity: CHOICE, from: DATE, to: DATE, volume: CHOICE },
  explore: {
    metric: CHOICE,
    group_by: CHOICE,
    granularity: CHOICE,
    from: DATE,
    to: DATE,
    actor: FILTER_MAX_LENGTH,
    stance: FILTER_MAX_LENGTH,
    topic: FILTER_MAX_LENGTH,
    lang: FILTER_MAX_LENGTH,
    source: FILTER_MAX_LENGTH,
    q: KEYWORD_MAX_LENGTH,
    volume: CHOICE,
    min_confidence: CHOICE,
    confidence_on: CHOICE,
  },
};

/** The longest value of any page's parameter: the bound of the route's JSON schema. */
export const PARAM_MAX_LENGTH = Math.max(...Object.values(PAGE_PARAMS).flatMap((p) => Object.values(p)));
export const PARAMS_MAX_COUNT = Math.max(...Object.values(PAGE_PARAMS).map((p) => Object.keys(p).length));

/** Every problem with a view's parameters for its page, as sentences; empty when they fit. */
export function paramProblems(page: ViewPage, params: Record<string, string>): string[] {
  const known = PAGE_PARAMS[page];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    const max = Object.hasOwn(known, name) ? known[name] : undefined;
    if (max === undefined) {
      problems.push(`unknown parameter ${JSON.stringify(name)} for the ${page} page; expected one of ${Object.keys(known).join(', ')}`);
    } else if (value.length > max) {
      problems.push(`params.${name} must be at most ${max} characters`);
    }
  }
  return problems;
}

/** The dashboard link that reopens a view: the page's path and its parameters. */
export function viewUrl(page: ViewPage, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return query ? `${PAGE_PATHS[page]}?${query}` : PAGE_PATHS[page];
}
