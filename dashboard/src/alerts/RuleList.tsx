import { formatAlertValue, formatCount, formatTime, STATUS_WORDS } from './format';
import { RULE_FILTERS, type AlertRule } from './types';

interface Props {
  rules: AlertRule[];
  historyOf: string | null;
  onEdit: (id: string) => void;
  onHistory: (id: string) => void;
}

function slice(rule: AlertRule): string {
  const parts = RULE_FILTERS.filter((name) => rule.filters[name]).map((name) => `${name} = ${rule.filters[name]!.join(', ')}`);
  return parts.length ? parts.join('; ') : 'all posts';
}

/** Every rule with its current state, last observed value and n, and its condition. */
export function RuleList({ rules, historyOf, onEdit, onHistory }: Props) {
  return (
    <>
      <table className="rule-table">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">State</th>
            <th scope="col">Last value</th>
            <th scope="col">n</th>
            <th scope="col">Fires when</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => {
            const state = rule.state ?? null;
            const last = state?.last ?? null;
            const recovery = rule.recovery_threshold ?? rule.threshold;
            const small = last !== null && last.n < rule.min_sample;
            return (
              <tr key={rule.id} data-rule-id={rule.id} data-status={state?.status ?? 'none'}>
                <th scope="row">
                  {rule.name}
                  {!rule.enabled && <span className="rule-disabled"> (disabled)</span>}
                  <span className="rule-slice">
                    {rule.metric} over {rule.window}, every {rule.interval}; {slice(rule)}
                  </span>
                </th>
                <td>
                  {state ? (
                    <>
                      <span className={`alert-status alert-status-${state.status}`}>{STATUS_WORDS[state.status]}</span>
                      <span className="rule-since">since {formatTime(state.since)}</span>
                    </>
                  ) : (
                    <span className="rule-since">not evaluated yet</span>
                  )}
                </td>
                <td>
                  {last ? formatAlertValue(rule.metric, last.value) : '–'}
                  {last && <span className="rule-since">window to {formatTime(last.window_to)}</span>}
                </td>
                <td>
                  {last ? formatCount(last.n) : '–'}
                  {small && <span className="small-sample-flag"> under {rule.min_sample}: cannot fire</span>}
                </td>
                <td>
                  {rule.comparator} {formatAlertValue(rule.metric, rule.threshold)}
                  <span className="rule-since">
                    recovers past {formatAlertValue(rule.metric, recovery)}
                    {rule.for !== '0s' && `, for ${rule.for}`}
                    {rule.cooldown !== '0s' && `, cool-down ${rule.cooldown}`}
                  </span>
                </td>
                <td className="rule-row-actions">
                  <button type="button" onClick={() => onEdit(rule.id)} aria-label={`Edit ${rule.name}`}>
                    Edit
                  </button>
                  <button type="button" onClick={() => onHistory(rule.id)} aria-pressed={historyOf === rule.id} aria-label={`History of ${rule.name}`}>
                    History
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="field-help">
        Last value: the rule's metric over its latest evaluated window (the window ends at the start of the hour it was evaluated in). n: the posts behind
        that value (for the divide, the smaller side; for a z-score, the posts in the latest window). A value on fewer than the rule's minimum sample never
        moves it toward firing.
      </p>
    </>
  );
}
