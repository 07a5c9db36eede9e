import { useState, type FormEvent, type ReactNode } from 'react';
import type { RuleDraft } from './ruleDraft';
import { fieldErrors } from './ruleErrors';
import { RuleChannelFields } from './RuleChannelFields';
import { RuleWhatFields } from './RuleWhatFields';
import { RuleWhenFields } from './RuleWhenFields';
import type { AlertMetric } from './types';

export type Busy = 'saving' | 'backtesting' | 'deleting' | null;

interface RuleFormProps {
  title: string;
  draft: RuleDraft;
  metrics: AlertMetric[];
  editing: boolean;
  /** Where a prefilled draft came from, and what of it was left out. */
  origin?: ReactNode;
  notes: string[];
  backtestRange: { from: string; to: string };
  busy: Busy;
  /** The API's answer to the last save, backtest or delete that failed. */
  error: string | null;
  onChange: (draft: RuleDraft) => void;
  onBacktestRange: (range: { from: string; to: string }) => void;
  onSave: () => void;
  onBacktest: () => void;
  onCancel: () => void;
  onDelete?: () => void;
}

/** The rule form: every field of a rule, the API's problems next to the fields, and its actions. */
export function RuleForm(props: RuleFormProps) {
  const { draft, metrics, error, busy, backtestRange, onChange } = props;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const errors = fieldErrors(error ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSave();
  };

  return (
    <form className="rule-form" onSubmit={submit} aria-labelledby="rule-form-title" noValidate>
      <h2 id="rule-form-title">{props.title}</h2>
      {props.origin && <div className="rule-origin">{props.origin}</div>}
      {props.notes.length > 0 && (
        <ul className="rule-notes" aria-label="Left out of the rule">
          {props.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {error && (
        <div className="status status-error rule-form-error" role="alert">
          <p>
            <strong>The API refused this:</strong> {error}
          </p>
        </div>
      )}
      <div className="rule-fieldsets">
        <RuleWhatFields draft={draft} metrics={metrics} errors={errors} onChange={onChange} />
        <RuleWhenFields draft={draft} errors={errors} onChange={onChange} />
        <RuleChannelFields draft={draft} errors={errors} editing={props.editing} onChange={onChange} />
      </div>
      <fieldset className="rule-fieldset backtest-range">
        <legend>Backtest range (empty: all stored posts)</legend>
        <div className="rule-field">
          <label htmlFor="backtest-from">From</label>
          <input id="backtest-from" type="date" value={backtestRange.from.slice(0, 10)} onChange={(e) => props.onBacktestRange({ ...backtestRange, from: e.target.value })} />
        </div>
        <div className="rule-field">
          <label htmlFor="backtest-to">To</label>
          <input id="backtest-to" type="date" value={backtestRange.to.slice(0, 10)} onChange={(e) => props.onBacktestRange({ ...backtestRange, to: e.target.value })} />
        </div>
      </fieldset>
      <div className="rule-actions">
        <button type="submit" disabled={busy !== null}>
          {busy === 'saving' ? 'Saving…' : props.editing ? 'Save changes' : 'Save rule'}
        </button>
        <button type="button" id="rule-backtest" onClick={props.onBacktest} disabled={busy !== null}>
          {busy === 'backtesting' ? 'Backtesting…' : 'Backtest'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        {props.onDelete && !confirmDelete && (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)} disabled={busy !== null}>
            Delete rule…
          </button>
        )}
      </div>
      {props.onDelete && confirmDelete && (
        <div className="rule-delete-confirm" role="alertdialog" aria-labelledby="rule-delete-question">
          <p id="rule-delete-question">Delete “{draft.name}”? Its schedule stops; its history stays in the feed.</p>
          <button type="button" className="danger" onClick={props.onDelete} autoFocus disabled={busy !== null}>
            {busy === 'deleting' ? 'Deleting…' : 'Yes, delete'}
          </button>
          <button type="button" onClick={() => setConfirmDelete(false)}>
            Keep it
          </button>
        </div>
      )}
    </form>
  );
}
