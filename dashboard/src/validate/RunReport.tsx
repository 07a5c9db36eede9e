import { formatCount } from '../chart/format';
import { TaskAgreement } from './TaskAgreement';
import type { ValidationRun } from './types';

const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');

/** One stored validation run: what was compared, against which models, and the agreement per task. */
export function RunReport({ run }: { run: ValidationRun }) {
  return (
    <article className="run-report" data-testid="run-report" data-run={run.id} aria-labelledby="run-report-heading">
      <h2 id="run-report-heading">
        Run “{run.input_name}”, {when(run.created_at)}
      </h2>
      <dl className="run-counts">
        <div>
          <dt>Coded rows</dt>
          <dd data-testid="coded-rows">{formatCount(run.coded_rows)}</dd>
        </div>
        <div>
          <dt>Matched</dt>
          <dd data-testid="matched-rows">{formatCount(run.matched_rows)}</dd>
        </div>
        <div>
          <dt>Not found</dt>
          <dd data-testid="not-found-rows">{formatCount(run.not_found.length)}</dd>
        </div>
        <div>
          <dt>Model versions</dt>
          <dd data-testid="model-versions">{run.model_versions.length ? run.model_versions.join(', ') : 'none (no post matched)'}</dd>
        </div>
        <div>
          <dt>Topic pack, software</dt>
          <dd>
            {run.topic_pack}, Rift {run.software_version}
          </dd>
        </div>
      </dl>
      {run.not_found.length > 0 && (
        <details>
          <summary>Coded posts not found ({formatCount(run.not_found.length)}), left out of every number</summary>
          <ul>
            {run.not_found.map((row) => (
              <li key={`${row.source}/${row.id}`}>
                line {row.line}: {row.source}/{row.id}
              </li>
            ))}
          </ul>
        </details>
      )}
      {run.tasks.map((task) => (
        <TaskAgreement key={task.task} report={task} />
      ))}
    </article>
  );
}
