import { formatCount } from '../chart/format';
import type { TaskReport } from './types';

/**
 * The confusion matrix as a table: a row per human code, a column per model label, totals at
 * the ends. Cells on the diagonal (both agree) are marked for sighted and screen-reader users.
 */
export function ConfusionMatrix({ report, title }: { report: TaskReport; title: string }) {
  const { labels, confusion } = report;
  const columnTotals = labels.map((_, j) => confusion.reduce((sum, row) => sum + row[j]!, 0));
  return (
    <div className="table-scroll">
      <table className="data-table confusion-matrix" data-testid={`confusion-${report.task}`}>
        <caption>
          {title}: confusion matrix. Rows: the coders' label; columns: the model's label; the diagonal is agreement.
        </caption>
        <thead>
          <tr>
            <td />
            <th scope="colgroup" colSpan={labels.length}>
              Model labelled
            </th>
            <td />
          </tr>
          <tr>
            <th scope="col">Coders coded</th>
            {labels.map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((human, i) => (
            <tr key={human}>
              <th scope="row">{human}</th>
              {labels.map((model, j) => (
                <td key={model} className={i === j ? 'agree' : undefined} data-human={human} data-model={model}>
                  {formatCount(confusion[i]![j]!)}
                  {i === j && <span className="visually-hidden"> (agreement)</span>}
                </td>
              ))}
              <td className="total">{formatCount(confusion[i]!.reduce((a, b) => a + b, 0))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {columnTotals.map((total, j) => (
              <td key={labels[j]} className="total">
                {formatCount(total)}
              </td>
            ))}
            <td className="total">{formatCount(report.n)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
