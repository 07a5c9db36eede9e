import { COPIES, COPIES_LABELS, UNIT_LABELS, UNITS, type Copies, type Unit } from '../state/divideMode';
import { useEffect, useState, type FormEvent } from 'react';
import {
  cleanConfidence,
  CONFIDENCE_ON,
  FILTER_NAMES,
  type ConfidenceOn,
  type ExplorerDimension,
  type ExplorerMetric,
  type ExplorerState,
  type FilterName,
} from '../state/explorerState';
import type { ViewGranularity } from '../state/viewState';
import { CopyLinkButton } from '../divide/CopyLinkButton';
import { VolumeModeSwitch } from '../divide/VolumeModeSwitch';
import type { TrendOptions } from '../api/trendOptions';

/** Words for every metric of the API's document; a metric the running API adds after it shows its name. */
export const METRIC_LABELS: Record<ExplorerMetric, string> = {
  volume: 'Volume (posts)',
  volume_share_of_source: "Share of the source's posts",
  stance_oppose_share: 'Share opposing the ban',
  stance_support_share: 'Share supporting the ban',
  sentiment_mean: 'Mean sentiment',
  sentiment_positive_share: 'Share with positive sentiment',
  sentiment_negative_share: 'Share with negative sentiment',
};

const GRANULARITY_LABELS: Record<string, string> = { hour: 'hour (up to 92 days)', day: 'day', week: 'week' };

/** Short enough to fit the field; open sets take codes, comma-separated. */
const FILTER_HINTS: Record<FilterName, string> = {
  actor: 'any actor',
  stance: 'any stance',
  sentiment: 'any sentiment',
  topic: 'e.g. free_speech',
  lang: 'e.g. en,zh',
  source: 'e.g. demo',
};

interface Draft {
  from: string;
  to: string;
  q: string;
  filters: Partial<Record<FilterName, string>>;
  minConfidence: string;
  confidenceOn: ConfidenceOn;
}

const draftOf = (view: ExplorerState): Draft => ({
  from: view.from ?? '',
  to: view.to ?? '',
  q: view.q,
  filters: { ...view.filters },
  minConfidence: view.minConfidence,
  confidenceOn: view.confidenceOn,
});

/** Metric, dimension and filters. Menus apply at once; typed filters apply with "Apply filters" (or Enter). */
export function ExplorerControls({ view, options, onChange }: { view: ExplorerState; options: TrendOptions; onChange: (next: ExplorerState) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  // Follow the URL when it changes from outside (back/forward).
  useEffect(() => setDraft(draftOf(view)), [view]);

  function apply(event: FormEvent) {
    event.preventDefault();
    const filters: ExplorerState['filters'] = {};
    for (const name of FILTER_NAMES) {
      const value = (draft.filters[name] ?? '').replace(/\s+/g, '');
      if (value) filters[name] = value;
    }
    const minConfidence = cleanConfidence(draft.minConfidence);
    onChange({ ...view, from: draft.from || null, to: draft.to || null, q: draft.q.trim(), filters, minConfidence, confidenceOn: draft.confidenceOn });
  }

  return (
    <form className="explorer-controls" onSubmit={apply} aria-label="Explorer view">
      <div className="control">
        <label htmlFor="ex-metric">Metric</label>
        <select id="ex-metric" value={view.metric} onChange={(e) => onChange({ ...view, metric: e.target.value as ExplorerMetric })}>
          {options.metrics.map((m) => (
            <option key={m} value={m}>
              {METRIC_LABELS[m as ExplorerMetric] ?? m}
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor="ex-group">By</label>
        <select id="ex-group" value={view.groupBy} onChange={(e) => onChange({ ...view, groupBy: e.target.value as ExplorerDimension })}>
          {options.groupBy.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor="ex-unit">Count</label>
        <select id="ex-unit" value={view.unit} onChange={(e) => onChange({ ...view, unit: e.target.value as Unit })}>
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {UNIT_LABELS[u]}
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor="ex-copies">Copies of one text</label>
        <select id="ex-copies" value={view.copies} onChange={(e) => onChange({ ...view, copies: e.target.value as Copies })}>
          {/* Every copy first: the Explorer's default, as the API's. */}
          {[...COPIES].reverse().map((c) => (
            <option key={c} value={c}>
              {COPIES_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor="ex-granularity">Points per</label>
        <select
          id="ex-granularity"
          value={view.granularity}
          onChange={(e) => onChange({ ...view, granularity: e.target.value as ViewGranularity })}
        >
          {options.granularities.map((g) => (
            <option key={g} value={g}>
              {GRANULARITY_LABELS[g] ?? g}
            </option>
          ))}
        </select>
      </div>
      <VolumeModeSwitch
        name="volume-mode"
        mode={view.volume}
        disabled={view.metric !== 'volume'}
        onChange={(volume) => onChange({ ...view, volume })}
      />
      <div className="control">
        <label htmlFor="ex-from">From</label>
        <input id="ex-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
      </div>
      <div className="control">
        <label htmlFor="ex-to">To</label>
        <input id="ex-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      </div>
      {FILTER_NAMES.map((name) => {
        const values = options.filterValues[name];
        const setFilter = (value: string) => setDraft({ ...draft, filters: { ...draft.filters, [name]: value } });
        return (
          <div className="control" key={name}>
            <label htmlFor={`ex-${name}`}>{name}</label>
            {values ? (
              // A closed set of labels: pick one (or "any"); a list typed into the URL is kept as is.
              <select id={`ex-${name}`} value={draft.filters[name] ?? ''} onChange={(e) => setFilter(e.target.value)}>
                <option value="">{FILTER_HINTS[name]}</option>
                {draft.filters[name] && !values.includes(draft.filters[name]!) && <option value={draft.filters[name]}>{draft.filters[name]}</option>}
                {values.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            ) : (
              <input id={`ex-${name}`} type="text" placeholder={FILTER_HINTS[name]} value={draft.filters[name] ?? ''} onChange={(e) => setFilter(e.target.value)} />
            )}
          </div>
        );
      })}
      <div className="control">
        <label htmlFor="ex-q">Keyword in text</label>
        <input
          id="ex-q"
          type="search"
          maxLength={200}
          aria-describedby="ex-q-note"
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
        <span id="ex-q-note" className="control-note">
          Applies to the posts list and the export.
        </span>
      </div>
      <div className="control">
        <label htmlFor="ex-min-confidence">Minimum confidence</label>
        <input
          id="ex-min-confidence"
          type="number"
          min={0}
          max={1}
          step={0.05}
          inputMode="decimal"
          placeholder="0 to 1"
          aria-describedby="ex-confidence-note"
          value={draft.minConfidence}
          onChange={(e) => setDraft({ ...draft, minConfidence: e.target.value })}
        />
        <span id="ex-confidence-note" className="control-note">
          Keeps posts the model labelled with at least this confidence: chart, posts list and export.
        </span>
      </div>
      <div className="control">
        <label htmlFor="ex-confidence-on">Confidence of</label>
        <select id="ex-confidence-on" value={draft.confidenceOn} onChange={(e) => setDraft({ ...draft, confidenceOn: e.target.value as ConfidenceOn })}>
          {CONFIDENCE_ON.map((field) => (
            <option key={field} value={field}>
              {field} label
            </option>
          ))}
        </select>
      </div>
      <div className="control-buttons">
        <button type="submit">Apply filters</button>
        <CopyLinkButton />
      </div>
    </form>
  );
}
