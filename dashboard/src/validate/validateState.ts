// The "Samples and validation" page keeps its state in the URL, so a link redraws the same sample
// and reopens the same run:
// /validate?n=200&seed=spring-2025&stratify=actor&allocation=equal&from=2025-01-01&to=2025-01-31&run=<id>
import { rangeEndInstant, rangeStartInstant } from '../state/viewState';

export const STRATIFY = ['none', 'actor', 'stance'] as const;
export type Stratify = (typeof STRATIFY)[number];
export const ALLOCATIONS = ['proportional', 'equal'] as const;
export type Allocation = (typeof ALLOCATIONS)[number];
/** Slice filters a sample takes, as the API names them (comma-separated values). */
export const SAMPLE_FILTERS = ['actor', 'stance', 'topic', 'lang', 'source', 'q'] as const;
export type SampleFilter = (typeof SAMPLE_FILTERS)[number];

export interface SampleSpec {
  /** Posts to draw, as typed. */
  n: string;
  /** '' lets the API draw a seed, which the page then writes into the URL. */
  seed: string;
  stratify: Stratify;
  allocation: Allocation;
  from: string;
  to: string;
  filters: Partial<Record<SampleFilter, string>>;
}

export interface ValidateState {
  /** The sample drawn on the page; null until one is asked for. */
  sample: SampleSpec | null;
  /** The validation run shown. */
  run: string | null;
}

export const EMPTY_SPEC: SampleSpec = { n: '100', seed: '', stratify: 'none', allocation: 'proportional', from: '', to: '', filters: {} };

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

export function parseValidateState(search: string): ValidateState {
  const p = new URLSearchParams(search);
  const run = p.get('run') || null;
  const n = p.get('n');
  if (!n) return { sample: null, run };
  const filters: SampleSpec['filters'] = {};
  for (const name of SAMPLE_FILTERS) {
    const value = p.get(name);
    if (value) filters[name] = value;
  }
  return {
    run,
    sample: {
      n,
      seed: p.get('seed') ?? '',
      stratify: pick(p.get('stratify'), STRATIFY, 'none'),
      allocation: pick(p.get('allocation'), ALLOCATIONS, 'proportional'),
      from: p.get('from') ?? '',
      to: p.get('to') ?? '',
      filters,
    },
  };
}

/** The spec's own parameters; dates stay as typed (YYYY-MM-DD) for the page URL. */
function specParams(spec: SampleSpec, dates: (from: string, to: string) => [string, string]): URLSearchParams {
  const p = new URLSearchParams({ n: spec.n });
  if (spec.seed) p.set('seed', spec.seed);
  if (spec.stratify !== 'none') {
    p.set('stratify', spec.stratify);
    p.set('allocation', spec.allocation);
  }
  const [from, to] = dates(spec.from, spec.to);
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  for (const name of SAMPLE_FILTERS) if (spec.filters[name]) p.set(name, spec.filters[name]!);
  return p;
}

export function serializeValidateState(state: ValidateState): string {
  const p = state.sample ? specParams(state.sample, (from, to) => [from, to]) : new URLSearchParams();
  if (state.run) p.set('run', state.run);
  const text = p.toString();
  return text ? `?${text}` : '';
}

/** `/api/sample` for the spec: JSON for the page's summary, CSV for the coding sheet. */
export function sampleUrl(spec: SampleSpec, format: 'json' | 'csv'): string {
  // A "to" date is the whole day: the API's bound is exclusive, so send the next midnight.
  const p = specParams(spec, (from, to) => [from && rangeStartInstant(from), to && rangeEndInstant(to)]);
  p.set('format', format);
  return `/api/sample?${p.toString()}`;
}
