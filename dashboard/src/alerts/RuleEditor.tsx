import { useEffect, useState, type ReactNode } from 'react';
import { LoadingMessage } from '../divide/StatusMessage';
import { rangeEndInstant, rangeStartInstant } from '../state/viewState';
import { backtestRule, createRule, deleteRule, updateRule } from './alertsApi';
import { BacktestResults } from './BacktestResults';
import { draftToBody, type RuleDraft } from './ruleDraft';
import { RuleForm, type Busy } from './RuleForm';
import type { AlertMetric, BacktestResult, RuleBody } from './types';

export interface EditorStart {
  draft: RuleDraft;
  notes: string[];
  backtest: { from: string; to: string };
  origin?: ReactNode;
}

interface Props {
  /** The stored rule being edited; null for a new one. */
  ruleId: string | null;
  start: EditorStart;
  metrics: AlertMetric[];
  /** Called after a save or delete (with what to tell the user) or a cancel (null). */
  onDone: (notice: string | null) => void;
}

const instantRange = ({ from, to }: { from: string; to: string }) => ({
  ...(from ? { from: rangeStartInstant(from) } : {}),
  ...(to ? { to: rangeEndInstant(to) } : {}),
});

/** Holds the draft rule and runs what the form asks: save, backtest, delete. */
export function RuleEditor({ ruleId, start, metrics, onDone }: Props) {
  const [draft, setDraft] = useState(start.draft);
  const [range, setRange] = useState(start.backtest);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [backtest, setBacktest] = useState<{ result: BacktestResult; rule: RuleBody } | null>(null);

  // Keyboard users land in the form they opened.
  useEffect(() => document.getElementById('rule-name')?.focus(), []);

  async function run(kind: Exclude<Busy, null>, work: () => Promise<void>) {
    setBusy(kind);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }

  const save = () =>
    run('saving', async () => {
      const body = draftToBody(draft);
      if (ruleId) {
        await updateRule(ruleId, body);
        onDone(`Saved the changes to “${body.name}”.`);
      } else {
        const created = await createRule(body);
        const secret = created.webhook_secret ? ` Webhook signing secret (shown this once; give it to the receiver): ${created.webhook_secret}` : '';
        onDone(`Saved “${created.name}”; it is evaluated every ${created.interval}.${secret}`);
      }
    });

  const runBacktest = () =>
    run('backtesting', async () => {
      const body = draftToBody(draft);
      setBacktest(null);
      setBacktest({ result: await backtestRule(body, instantRange(range)), rule: body });
    });

  const remove = ruleId
    ? () =>
        run('deleting', async () => {
          await deleteRule(ruleId);
          onDone(`Deleted “${draft.name}”.`);
        })
    : undefined;

  return (
    <section className="rule-editor" aria-label={ruleId ? 'Edit rule' : 'New rule'}>
      <RuleForm
        title={ruleId ? `Edit “${start.draft.name}”` : 'New alert rule'}
        draft={draft}
        metrics={metrics}
        editing={ruleId !== null}
        origin={start.origin}
        notes={start.notes}
        backtestRange={range}
        busy={busy}
        error={error}
        onChange={setDraft}
        onBacktestRange={setRange}
        onSave={save}
        onBacktest={runBacktest}
        onCancel={() => onDone(null)}
        onDelete={remove}
      />
      {busy === 'backtesting' && <LoadingMessage what="the backtest" />}
      {backtest && <BacktestResults result={backtest.result} rule={backtest.rule} />}
    </section>
  );
}
