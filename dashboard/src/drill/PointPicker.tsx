import { useEffect, useState, type FormEvent } from 'react';
import { actorStyle } from '../chart/actors';
import type { DrillTarget } from '../chart/drill';
import { formatCount } from '../chart/format';
import type { ChartRow } from '../chart/rows';
import { formatBucket } from '../chart/time';
import type { ViewGranularity } from '../state/viewState';

interface PointPickerProps {
  idPrefix: string;
  rows: ChartRow[];
  seriesKeys: string[];
  granularity: ViewGranularity;
  onPick: (target: DrillTarget) => void;
  /** The point shown in the drill-down, if any (a click on the chart): the menus follow it. */
  selected?: DrillTarget | null;
}

/**
 * The keyboard's way to a chart point: pick a bucket and an actor class, press Enter, and the
 * posts behind that point open (the same as clicking the point on the chart).
 */
export function PointPicker({ idPrefix, rows, seriesKeys, granularity, onPick, selected }: PointPickerProps) {
  const [ts, setTs] = useState<number | null>(null);
  const [seriesKey, setSeriesKey] = useState<string>(seriesKeys.includes('public') ? 'public' : (seriesKeys[0] ?? ''));
  useEffect(() => {
    if (!selected) return;
    setTs(selected.ts);
    setSeriesKey(selected.seriesKey);
  }, [selected]);
  const bucket = rows.find((row) => row.ts === ts) ?? rows.at(-1);
  if (!bucket || seriesKeys.length === 0) return null;
  const n = bucket.counts[seriesKey] ?? 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (bucket) onPick({ seriesKey, ts: bucket.ts, n });
  }

  return (
    <form className="point-picker" onSubmit={submit} aria-label="Show the posts behind a point">
      <div className="control">
        <label htmlFor={`${idPrefix}-bucket`}>Posts from</label>
        <select id={`${idPrefix}-bucket`} value={bucket.ts} onChange={(e) => setTs(Number(e.target.value))}>
          {rows.map((row) => (
            <option key={row.ts} value={row.ts}>
              {formatBucket(row.ts, granularity)}
            </option>
          ))}
        </select>
      </div>
      <div className="control">
        <label htmlFor={`${idPrefix}-series`}>by</label>
        <select id={`${idPrefix}-series`} value={seriesKey} onChange={(e) => setSeriesKey(e.target.value)}>
          {seriesKeys.map((key) => (
            <option key={key} value={key}>
              {actorStyle(key).label} ({formatCount(bucket.counts[key] ?? 0)} posts)
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={n === 0}>
        Show posts
      </button>
      <span className="point-picker-hint">or click a point on the chart.</span>
    </form>
  );
}
