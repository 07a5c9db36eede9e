import { useEffect, useState, type FormEvent } from 'react';
import { ALLOCATIONS, EMPTY_SPEC, SAMPLE_FILTERS, STRATIFY, type Allocation, type SampleFilter, type SampleSpec, type Stratify } from './validateState';

const FILTER_LABELS: Record<SampleFilter, { label: string; hint: string }> = {
  actor: { label: 'Actor', hint: 'e.g. public,us_government' },
  stance: { label: 'Stance', hint: 'e.g. oppose_ban' },
  topic: { label: 'Topic', hint: 'topic ids, comma-separated' },
  lang: { label: 'Language', hint: 'e.g. en,zh' },
  source: { label: 'Source', hint: 'e.g. demo' },
  q: { label: 'Keyword in text', hint: 'any word' },
};

/** What to draw: size, seed, strata and the slice. Nothing is drawn until "Draw sample". */
export function SampleForm({ spec, onDraw }: { spec: SampleSpec | null; onDraw: (spec: SampleSpec) => void }) {
  const [draft, setDraft] = useState<SampleSpec>(spec ?? EMPTY_SPEC);
  // Follow the URL when it changes from outside (back/forward, a seed the API drew).
  useEffect(() => setDraft(spec ?? EMPTY_SPEC), [spec]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const filters: SampleSpec['filters'] = {};
    for (const name of SAMPLE_FILTERS) {
      const value = (draft.filters[name] ?? '').trim();
      if (value) filters[name] = name === 'q' ? value : value.replace(/\s+/g, '');
    }
    onDraw({ ...draft, n: draft.n.trim(), seed: draft.seed.trim(), filters });
  }

  return (
    <form className="sample-form" onSubmit={submit} aria-label="Draw a sample">
      <div className="control">
        <label htmlFor="sample-n">Posts to draw</label>
        <input id="sample-n" type="number" min={1} max={50000} step={1} required value={draft.n} onChange={(e) => setDraft({ ...draft, n: e.target.value })} />
      </div>
      <div className="control">
        <label htmlFor="sample-seed">Seed</label>
        <input
          id="sample-seed"
          type="text"
          pattern="[A-Za-z0-9_.\-]{1,64}"
          placeholder="blank: one is drawn"
          aria-describedby="sample-seed-note"
          value={draft.seed}
          onChange={(e) => setDraft({ ...draft, seed: e.target.value })}
        />
        <span id="sample-seed-note" className="control-note">
          Letters, digits, _ . - ; the same seed on the same data draws the same posts.
        </span>
      </div>
      <div className="control">
        <label htmlFor="sample-stratify">Stratify by</label>
        <select id="sample-stratify" value={draft.stratify} onChange={(e) => setDraft({ ...draft, stratify: e.target.value as Stratify })}>
          {STRATIFY.map((s) => (
            <option key={s} value={s}>
              {s === 'none' ? 'nothing (simple random sample)' : s}
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor="sample-allocation">Allocation</label>
        <select
          id="sample-allocation"
          disabled={draft.stratify === 'none'}
          value={draft.allocation}
          onChange={(e) => setDraft({ ...draft, allocation: e.target.value as Allocation })}
        >
          {ALLOCATIONS.map((a) => (
            <option key={a} value={a}>
              {a === 'equal' ? 'equal (same number per stratum)' : 'proportional (to stratum size)'}
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor="sample-from">From</label>
        <input id="sample-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
      </div>
      <div className="control">
        <label htmlFor="sample-to">To</label>
        <input id="sample-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      </div>
      {SAMPLE_FILTERS.map((name) => (
        <div className="control" key={name}>
          <label htmlFor={`sample-${name}`}>{FILTER_LABELS[name].label}</label>
          <input
            id={`sample-${name}`}
            type={name === 'q' ? 'search' : 'text'}
            placeholder={FILTER_LABELS[name].hint}
            value={draft.filters[name] ?? ''}
            onChange={(e) => setDraft({ ...draft, filters: { ...draft.filters, [name]: e.target.value } })}
          />
        </div>
      ))}
      <div className="control-buttons">
        <button type="submit">Draw sample</button>
      </div>
    </form>
  );
}
