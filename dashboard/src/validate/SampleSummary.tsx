import { useEffect } from 'react';
import { getJson } from '../api/client';
import { formatCount } from '../chart/format';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../divide/StatusMessage';
import { useApi } from '../hooks/useApi';
import type { SampleResponse } from './types';
import { sampleUrl, type SampleSpec } from './validateState';

const PREVIEW_ROWS = 5;

/**
 * The sample the URL asks for: how many posts were drawn with which seed, per stratum, and the
 * coding sheet to download. A seed the API drew is written back into the URL (and so into the
 * sheet's link), which makes every sample on the page one that can be drawn again.
 */
export function SampleSummary({ spec, onSeed }: { spec: SampleSpec; onSeed: (seed: string) => void }) {
  const url = sampleUrl(spec, 'json');
  const { state, retry } = useApi<SampleResponse>(url, (signal) => getJson<SampleResponse>(url, signal));
  const drawnSeed = state.status === 'ready' ? state.data.seed : null;
  useEffect(() => {
    if (!spec.seed && drawnSeed) onSeed(drawnSeed);
  }, [spec.seed, drawnSeed, onSeed]);

  return (
    <div className="sample-summary" data-testid="sample-summary" data-state={state.status} aria-live="polite">
      {state.status === 'loading' && <LoadingMessage what="the sample" />}
      {state.status === 'error' && <ErrorMessage what="the sample" error={state.error} onRetry={retry} />}
      {state.status === 'ready' && renderReady(state.data)}
    </div>
  );

  function renderReady(sample: SampleResponse) {
    if (sample.drawn === 0) return <EmptyMessage>No post matches this slice, so nothing was drawn. Widen the dates or remove a filter.</EmptyMessage>;
    const sheet = sampleUrl({ ...spec, seed: sample.seed }, 'csv');
    return (
      <>
        <p>
          Drew <strong>{formatCount(sample.drawn)}</strong> of the {formatCount(sample.n)} posts asked for, with seed <code>{sample.seed}</code>
          {sample.stratify === 'none' ? ' (simple random sample of the slice).' : `, stratified by ${sample.stratify} (${sample.allocation} allocation).`}
        </p>
        <p>
          <a className="button-link" href={sheet} download={`rift-sample-${sample.seed}.csv`}>
            Download the coding sheet (CSV)
          </a>
        </p>
        {sample.strata.length > 0 && (
          <table className="data-table">
            <caption>Strata: posts in the slice, asked for by the allocation, and drawn</caption>
            <thead>
              <tr>
                <th scope="col">Stratum</th>
                <th scope="col">In the slice</th>
                <th scope="col">Asked for</th>
                <th scope="col">Drawn</th>
              </tr>
            </thead>
            <tbody>
              {sample.strata.map((s) => (
                <tr key={s.stratum}>
                  <th scope="row">{s.stratum}</th>
                  <td>{formatCount(s.population)}</td>
                  <td>{formatCount(s.target)}</td>
                  <td>{formatCount(s.drawn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {sample.notes.length > 0 && (
          <ul className="about-notes">
            {sample.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
        <details className="sample-preview">
          <summary>First {Math.min(PREVIEW_ROWS, sample.posts.length)} posts of the sheet</summary>
          <ol>
            {sample.posts.slice(0, PREVIEW_ROWS).map((p) => (
              <li key={`${p.source}/${p.id}`}>
                <code>
                  {p.source}/{p.id}
                </code>{' '}
                {p.text}
              </li>
            ))}
          </ol>
        </details>
      </>
    );
  }
}
