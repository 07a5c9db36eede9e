import { errorsFor } from './ruleErrors';
import type { RuleDraft } from './ruleDraft';
import { Field } from './Field';
import { RULE_FILTERS, type AlertMetric, type RuleFilterName } from './types';

const FILTER_HINTS: Record<RuleFilterName, string> = {
  actor: 'public, us_government, foreign_government, media, company',
  stance: 'support_ban, oppose_ban, neutral',
  sentiment: 'negative, neutral, positive',
  topic: 'topic ids of the topic pack',
  lang: 'language codes, e.g. en,zh',
  source: 'e.g. demo, bluesky',
};

interface Props {
  draft: RuleDraft;
  metrics: AlertMetric[];
  errors: Map<string, string[]>;
  onChange: (draft: RuleDraft) => void;
}

/** What the rule watches: its name, the metric (with the API's definition) and the slice of posts. */
export function RuleWhatFields({ draft, metrics, errors, onChange }: Props) {
  const definition = metrics.find((m) => m.name === draft.metric)?.definition;
  return (
    <fieldset className="rule-fieldset">
      <legend>What to watch</legend>
      <Field
        id="rule-name"
        label="Name"
        errors={errorsFor(errors, 'name')}
        input={(p) => <input {...p} type="text" required maxLength={200} value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} />}
      />
      <Field
        id="rule-metric"
        label="Metric"
        help={definition}
        errors={errorsFor(errors, 'metric')}
        input={(p) => (
          <select {...p} value={draft.metric} onChange={(e) => onChange({ ...draft, metric: e.target.value })}>
            {metrics.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        )}
      />
      {draft.metric === 'volume_zscore' && (
        <Field
          id="rule-baseline"
          label="Baseline windows"
          help="How many earlier windows the latest one is compared with (their mean and standard deviation)."
          errors={errorsFor(errors, 'baseline_windows')}
          input={(p) => (
            <input {...p} type="number" min={2} max={500} step={1} value={draft.baseline_windows} onChange={(e) => onChange({ ...draft, baseline_windows: e.target.value })} />
          )}
        />
      )}
      <div className="rule-filters" role="group" aria-labelledby="rule-filters-title">
        <p id="rule-filters-title" className="rule-group-title">
          Filters (comma-separated; empty means all posts)
        </p>
        {RULE_FILTERS.map((name) => (
          <Field
            key={name}
            id={`rule-filter-${name}`}
            label={name}
            errors={errorsFor(errors, `filters.${name}`)}
            input={(p) => (
              <input
                {...p}
                type="text"
                placeholder={FILTER_HINTS[name]}
                value={draft.filters[name]}
                onChange={(e) => onChange({ ...draft, filters: { ...draft.filters, [name]: e.target.value } })}
              />
            )}
          />
        ))}
      </div>
      <div className="rule-field rule-checkbox">
        <input id="rule-enabled" type="checkbox" checked={draft.enabled} onChange={(e) => onChange({ ...draft, enabled: e.target.checked })} />
        <label htmlFor="rule-enabled">Enabled (evaluated on schedule)</label>
      </div>
    </fieldset>
  );
}
