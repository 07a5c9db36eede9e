import { describeGapEvidence, describeGapTime, gapLabel } from '../chart/gaps';
import type { GapsLoad } from '../hooks/useGaps';

/** Up to this many gaps are listed open; more are listed folded, under their count. */
const OPEN_UP_TO = 6;

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
            <details open={state.data.gaps.length <= OPEN_UP_TO}>
              <summary>
                {state.data.gaps.length} span{state.data.gaps.length === 1 ? '' : 's'} in which a source collected nothing or was failing
              </summary>
              <ul>
                {state.data.gaps.map((gap) => (
                  <li key={`${gap.source}-${gap.reason}-${gap.from}`} data-source={gap.source} data-reason={gap.reason} data-from={gap.from} data-to={gap.to}>
                    <strong>{gapLabel(gap)}</strong>: {describeGapTime(gap)}; {describeGapEvidence(gap)}.
                  </li>
                ))}
              </ul>
            </details>
          )}
          <details>
            <summary>How a gap is defined</summary>
            <p className="gap-definition">{state.data.definition}</p>
          </details>
        </>
      )}
    </div>
  );
}
