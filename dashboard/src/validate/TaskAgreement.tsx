import { formatCount } from '../chart/format';
import { ConfusionMatrix } from './ConfusionMatrix';
import { formatScore, kappaReading, TASK_TITLES } from './scores';
import type { Interval, TaskReport } from './types';

const interval = (ci: Interval | undefined) => (ci ? `${formatScore(ci[0])} to ${formatScore(ci[1])}` : 'n/a');

/** One labelling task of a run: the headline agreement, the per-label scores and the matrix. */
export function TaskAgreement({ report }: { report: TaskReport }) {
  const title = TASK_TITLES[report.task];
  const headingId = `task-${report.task}-heading`;
  return (
    <section className="task-agreement" data-testid={`task-${report.task}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <dl className="agreement-figures">
        <div>
          <dt>Cohen's kappa</dt>
          <dd data-testid="kappa">{formatScore(report.kappa)}</dd>
          <dd className="figure-note">{kappaReading(report.kappa)}</dd>
          {report.ci95 && <dd className="figure-note" data-testid="kappa-ci">95% interval {interval(report.ci95.kappa)}</dd>}
        </div>
        {report.ci95 && (
          <div>
            <dt>Krippendorff's alpha</dt>
            <dd data-testid="alpha">{formatScore(report.alpha ?? null)}</dd>
            <dd className="figure-note" data-testid="alpha-ci">95% interval {interval(report.ci95.alpha)}</dd>
          </div>
        )}
        <div>
          <dt>Accuracy</dt>
          <dd data-testid="accuracy">{formatScore(report.accuracy)}</dd>
          {report.ci95 && <dd className="figure-note" data-testid="accuracy-ci">95% interval {interval(report.ci95.accuracy)}</dd>}
        </div>
        <div>
          <dt>Macro F1</dt>
          <dd>{formatScore(report.macro_f1)}</dd>
        </div>
        <div>
          <dt>Posts compared</dt>
          <dd data-testid="compared">{formatCount(report.n)}</dd>
          <dd className="figure-note">{formatCount(report.uncoded)} matched but left uncoded</dd>
        </div>
      </dl>
      <div className="table-scroll">
        <table className="data-table" data-testid={`scores-${report.task}`}>
          <caption>{title}: precision, recall and F1 per label</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Precision</th>
              <th scope="col">Recall</th>
              <th scope="col">F1</th>
              {report.ci95 && <th scope="col">Precision, 95% interval</th>}
              {report.ci95 && <th scope="col">Recall, 95% interval</th>}
              <th scope="col">Support (coded)</th>
            </tr>
          </thead>
          <tbody>
            {report.per_label.map((s) => (
              <tr key={s.label} data-label={s.label}>
                <th scope="row">{s.label}</th>
                <td data-score="precision">{formatScore(s.precision)}</td>
                <td data-score="recall">{formatScore(s.recall)}</td>
                <td data-score="f1">{formatScore(s.f1)}</td>
                {report.ci95 && <td data-score="precision-ci">{interval(report.ci95.per_label.find((c) => c.label === s.label)?.precision)}</td>}
                {report.ci95 && <td data-score="recall-ci">{interval(report.ci95.per_label.find((c) => c.label === s.label)?.recall)}</td>}
                <td>{formatCount(s.support)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.interval_method && <p className="figure-note">Intervals: {report.interval_method}.</p>}
      <ConfusionMatrix report={report} title={title} />
    </section>
  );
}
