import { useApiKey } from '../api/apiKey';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../divide/StatusMessage';
import { useApi } from '../hooks/useApi';
import { fetchRule, fetchView } from './alertsApi';
import { prefillFromView } from './prefill';
import { draftFromRule } from './ruleDraft';
import { RuleEditor } from './RuleEditor';
import type { AlertMetric } from './types';

interface Common {
  metrics: AlertMetric[];
  onDone: (notice: string | null) => void;
}

/**
 * Editing a stored rule. It is read again with the analyst's key: without one the API hides the
 * hook URLs, and saving those placeholders would overwrite the real ones.
 */
export function EditRule({ id, metrics, onDone }: Common & { id: string }) {
  const key = useApiKey();
  const { state, retry } = useApi(key ? `${id}:${key}` : null, (signal) => fetchRule(id, signal));
  if (!key) {
    return (
      <section className="rule-editor" aria-label="Edit rule">
        <EmptyMessage>
          Enter an API key with the analyst role above to edit this rule.{' '}
          <button type="button" onClick={() => onDone(null)}>
            Cancel
          </button>
        </EmptyMessage>
      </section>
    );
  }
  if (state.status === 'loading') return <LoadingMessage what="the rule" />;
  if (state.status === 'error') return <ErrorMessage what="the rule" error={state.error} onRetry={retry} />;
  return <RuleEditor ruleId={id} start={{ draft: draftFromRule(state.data), notes: [], backtest: { from: '', to: '' } }} metrics={metrics} onDone={onDone} />;
}

/** A new rule prefilled from a saved view (GET /api/views/:id), saying which view it came from. */
export function NewRuleFromView({ viewId, metrics, onDone }: Common & { viewId: string }) {
  const { state, retry } = useApi(viewId, (signal) => fetchView(viewId, signal));
  if (state.status === 'loading') return <LoadingMessage what="the saved view" />;
  if (state.status === 'error') return <ErrorMessage what={`the saved view ${viewId}`} error={state.error} onRetry={retry} />;
  const view = state.data;
  const prefill = prefillFromView(view, metrics.map((m) => m.name));
  const origin = (
    <p>
      Prefilled from the saved view <a href={view.url}>“{view.name}”</a> ({view.page === 'divide' ? 'the divide' : 'Explorer'}, saved {view.created_at.slice(0, 10)}).
    </p>
  );
  return <RuleEditor ruleId={null} start={{ ...prefill, origin }} metrics={metrics} onDone={onDone} />;
}
