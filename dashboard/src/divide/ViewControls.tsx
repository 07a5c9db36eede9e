import { useEffect, useState, type FormEvent } from 'react';
import { GRANULARITIES, type ViewGranularity, type ViewState } from '../state/viewState';
import { CopyLinkButton } from './CopyLinkButton';

interface ViewControlsProps {
  view: ViewState;
  /** The earliest and latest day (YYYY-MM-DD) the date inputs offer, if known. */
  dataFrom: string | null;
  dataTo: string | null;
  onChange: (next: ViewState) => void;
}

/** Granularity and date range. Every change goes to the URL, so the link reopens the view. */
export function ViewControls({ view, dataFrom, dataTo, onChange }: ViewControlsProps) {
  const [from, setFrom] = useState(view.from ?? '');
  const [to, setTo] = useState(view.to ?? '');

  // Follow the URL when it changes from outside (back/forward, reset).
  useEffect(() => setFrom(view.from ?? ''), [view.from]);
  useEffect(() => setTo(view.to ?? ''), [view.to]);

  const dirty = from !== (view.from ?? '') || to !== (view.to ?? '');
  // Both are YYYY-MM-DD (or empty) here, so text order is date order.
  const backwards = from !== '' && to !== '' && from > to;

  function apply(event: FormEvent) {
    event.preventDefault();
    onChange({ ...view, from: from || null, to: to || null });
  }

  return (
    <form className="view-controls" onSubmit={apply} aria-label="Chart view">
      <div className="control">
        <label htmlFor="granularity">Points per</label>
        <select
          id="granularity"
          value={view.granularity}
          onChange={(e) => onChange({ ...view, granularity: e.target.value as ViewGranularity })}
        >
          {GRANULARITIES.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor="range-from">From</label>
        <input
          id="range-from"
          type="date"
          value={from}
          min={dataFrom ?? undefined}
          max={to || dataTo || undefined}
          onChange={(e) => setFrom(e.target.value)}
        />
      </div>
      <div className="control">
        <label htmlFor="range-to">To</label>
        <input
          id="range-to"
          type="date"
          value={to}
          min={from || dataFrom || undefined}
          max={dataTo ?? undefined}
          onChange={(e) => setTo(e.target.value)}
        />
      </div>
      <div className="control-buttons">
        <button type="submit" disabled={!dirty || backwards} aria-describedby={backwards ? 'range-problem' : undefined}>
          Apply dates
        </button>
        <CopyLinkButton />
      </div>
      {backwards && (
        <p id="range-problem" className="range-problem" role="alert">
          “From” is after “To”: pick an earlier start or a later end.
        </p>
      )}
    </form>
  );
}
