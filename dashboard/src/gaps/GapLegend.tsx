import { gapKinds, gapLabel } from '../chart/gaps';
import type { GapsLoad } from '../hooks/useGaps';
import { gapSwatchClass } from './GapAreas';

/** The chart's key for its shaded gaps, in HTML so screen readers and the keyboard reach it. */
export function GapLegend({ gaps }: { gaps: GapsLoad }) {
  const { state, retry } = gaps;
  if (state.status === 'loading') return <p className="gap-legend gap-legend-note" role="status">Checking for gaps in collection…</p>;
  if (state.status === 'error') {
    return (
      <p className="gap-legend gap-legend-note" role="alert">
        Gaps in collection could not be loaded ({state.error.message}); quiet stretches may be outages.{' '}
        <button type="button" onClick={retry}>
          Retry
        </button>
      </p>
    );
  }
  const kinds = gapKinds(state.data.gaps);
  if (kinds.length === 0) return null;
  return (
    <ul className="gap-legend" aria-label="Gaps in collection (shaded)">
      {kinds.map((kind) => (
        <li key={`${kind.reason}-${kind.source}`} data-reason={kind.reason} data-source={kind.source}>
          <span className={gapSwatchClass(kind.reason)} aria-hidden="true" />
          {gapLabel(kind)} ({kind.spans} span{kind.spans === 1 ? '' : 's'})
        </li>
      ))}
    </ul>
  );
}
