import { errorsFor } from './ruleErrors';
import type { RuleDraft } from './ruleDraft';
import { Field } from './Field';
import { COMPARATORS, type Comparator } from './types';

interface Props {
  draft: RuleDraft;
  errors: Map<string, string[]>;
  onChange: (draft: RuleDraft) => void;
}

type TextKey = 'threshold' | 'recovery_threshold' | 'window' | 'interval' | 'for' | 'cooldown' | 'min_sample';

/** When the rule fires and when it is over: the condition, hysteresis, timing and sample size. */
export function RuleWhenFields({ draft, errors, onChange }: Props) {
  const text = (key: TextKey, id: string, label: string, help: string, type: 'number' | 'text' = 'text') => (
    <Field
      id={id}
      label={label}
      help={help}
      errors={errorsFor(errors, key)}
      input={(p) => <input {...p} type={type} step={type === 'number' ? 'any' : undefined} value={draft[key]} onChange={(e) => onChange({ ...draft, [key]: e.target.value })} />}
    />
  );
  const c = draft.comparator;
  return (
    <fieldset className="rule-fieldset">
      <legend>When it fires</legend>
      <Field
        id="rule-comparator"
        label="Comparator"
        errors={errorsFor(errors, 'comparator')}
        input={(p) => (
          <select {...p} value={c} onChange={(e) => onChange({ ...draft, comparator: e.target.value as Comparator })}>
            {COMPARATORS.map((op) => (
              <option key={op} value={op}>
                value {op} threshold
              </option>
            ))}
          </select>
        )}
      />
      {text('threshold', 'rule-threshold', 'Threshold', `An episode starts when the window's value is ${c} this.`, 'number')}
      {text(
        'recovery_threshold',
        'rule-recovery',
        'Recovery threshold',
        `A firing rule resolves only once the value is no longer ${c} this (empty: the threshold). Set it on the safe side of the threshold so a value hovering around it does not fire again and again.`,
        'number',
      )}
      {text('window', 'rule-window', 'Window', 'The value is computed over this many whole hours before the start of the current hour: 1h, 6h, 1d, 1w.')}
      {text('interval', 'rule-interval', 'Evaluate every', 'How often the rule is evaluated, e.g. 10s, 5m, 1h.')}
      {text('for', 'rule-for', 'For', 'How long the condition must hold (pending) before the rule fires; 0s fires at once.')}
      {text('cooldown', 'rule-cooldown', 'Cool-down', 'After an episode resolves, no new one starts for this long.')}
      {text('min_sample', 'rule-min-sample', 'Minimum sample size', 'A window with fewer posts than this (its n) never moves the rule toward firing; on volume rules such a window may still end an episode.', 'number')}
    </fieldset>
  );
}
