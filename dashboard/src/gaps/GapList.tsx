import { describeGapEvidence, describeGapTime, gapLabel } from '../chart/gaps';
import type { GapsLoad } from '../hooks/useGaps';

/** For "about this chart": every gap in collection in the chart's window, with the definition. */
export function GapList({ gaps, sources }: { gaps: GapsLoad; sources?: string }) {
  const { state, retry } = gaps;
  return (
    <div className="gap-list" data-testid="gap-list" data-state={state.status}>
      <h4>Gaps in collection</h4>
      {state.status === 'loading' && <p role="status">Loading the gaps in collection…</p>}
      {state.status === 'error' && (
        <p role="alert">
          Could not load the gaps in collection: {state.error.message}{' '}
          <button type="button" onClick={retry}>
            Retry
          </button>
        </p>
      )}
      {state.status === 'ready' && (
        <>
          {state.data.gaps.length === 0 ? (
            <p>None for {sources ? `source ${sources}` : 'any source'} in this window.</p>
          ) : (
            <ul>
              {state.data.gaps.map((gap) => (
                <li key={`${gap.source}-${gap.reason}-${gap.from}`} data-source={gap.source} data-reason={gap.reason} data-from={gap.from} data-to={gap.to}>
                  <strong>{gapLabel(gap)}</strong>: {describeGapTime(gap)}; {describeGapEvidence(gap)}.
                </li>
              ))}
            </ul>
          )}
          <p className="gap-definition">{state.data.definition}</p>
        </>
      )}
    </div>
  );
}
