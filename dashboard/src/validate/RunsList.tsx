import type { MouseEvent } from 'react';
import { formatCount } from '../chart/format';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../divide/StatusMessage';
import type { LoadState } from '../hooks/useApi';
import { formatScore, TASK_TITLES } from './scores';
import type { RunsResponse } from './types';

interface RunsListProps {
  state: LoadState<RunsResponse>;
  onRetry: () => void;
  selected: string | null;
  hrefFor: (id: string) => string;
  onOpen: (id: string) => void;
}

/** Every stored validation run, newest first; each opens its full report (and its link can be shared). */
export function RunsList({ state, onRetry, selected, hrefFor, onOpen }: RunsListProps) {
  if (state.status === 'loading') return <LoadingMessage what="past runs" />;
  if (state.status === 'error') return <ErrorMessage what="past runs" error={state.error} onRetry={onRetry} />;
  if (state.data.runs.length === 0) return <EmptyMessage>No validation run is stored yet. Upload a coded sheet above to make the first.</EmptyMessage>;

  const open = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    // A plain click stays on the page; ctrl/cmd-click still opens a new tab.
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onOpen(id);
  };

  return (
    <div className="table-scroll">
      <table className="data-table runs-list" data-testid="runs-list">
        <caption>Stored runs, newest first. Kappa per task: agreement beyond chance (see “How to read these numbers”).</caption>
        <thead>
          <tr>
            <th scope="col">Stored (UTC)</th>
            <th scope="col">Name</th>
            <th scope="col">Coded / matched</th>
            <th scope="col">Kappa per task</th>
            <th scope="col">Report</th>
          </tr>
        </thead>
        <tbody>
          {state.data.runs.map((run) => (
            <tr key={run.id} data-run={run.id} className={run.id === selected ? 'selected' : undefined}>
              <td>{run.created_at.slice(0, 16).replace('T', ' ')}</td>
              <td>{run.input_name}</td>
              <td>
                {formatCount(run.coded_rows)} / {formatCount(run.matched_rows)}
              </td>
              <td>{run.tasks.map((t) => `${TASK_TITLES[t.task]} ${formatScore(t.kappa)}`).join('; ')}</td>
              <td>
                <a href={hrefFor(run.id)} onClick={open(run.id)} aria-current={run.id === selected ? 'true' : undefined}>
                  Open<span className="visually-hidden"> the run {run.input_name} of {run.created_at}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
