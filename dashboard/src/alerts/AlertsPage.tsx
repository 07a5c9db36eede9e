import { useState } from 'react';
import { ApiKeyForm } from '../auth/ApiKeyForm';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../divide/StatusMessage';
import { useApi } from '../hooks/useApi';
import { AlertFeed } from './AlertFeed';
import { fetchAlertMetrics, fetchRules } from './alertsApi';
import { prefillFromSearch } from './prefill';
import { emptyDraft } from './ruleDraft';
import { RuleEditor } from './RuleEditor';
import { EditRule, NewRuleFromView } from './RuleEditorLoaders';
import { RuleHistory } from './RuleHistory';
import { RuleList } from './RuleList';
import type { AlertMetric } from './types';

/** Which form is open: a blank rule, one prefilled from this page's URL or a saved view, or a stored rule. */
type Editor = { kind: 'blank' } | { kind: 'url'; search: string } | { kind: 'view'; viewId: string } | { kind: 'edit'; id: string };

function editorFromUrl(search: string): Editor | null {
  const params = new URLSearchParams(search);
  const viewId = params.get('from_view');
  if (viewId) return { kind: 'view', viewId };
  return params.get('new') === '1' ? { kind: 'url', search } : null;
}

/** "Alerts": the rules with their state, the form with its backtest, each rule's history and the feed. */
export function AlertsPage() {
  const [editor, setEditor] = useState<Editor | null>(() => editorFromUrl(window.location.search));
  const [version, setVersion] = useState(0);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const metrics = useApi('alert-metrics', fetchAlertMetrics);
  const rules = useApi(`rules:${version}`, fetchRules);
  const ruleList = rules.state.status === 'ready' ? rules.state.data : [];

  function open(next: Editor) {
    setNotice(null);
    setEditor(next);
  }

  function close(message: string | null) {
    setEditor(null);
    setNotice(message);
    // The prefill parameters were for opening the form; a reload should not reopen it.
    if (window.location.search) window.history.replaceState(null, '', window.location.pathname);
    if (message) setVersion((v) => v + 1);
  }

  return (
    <main id="main" className="alerts-page">
      <header className="page-header">
        <h1>Alerts</h1>
        <p className="page-lede">
          Rules that watch a metric over a slice of posts and fire once per episode: never on a small sample, and not again until the value has
          recovered past its recovery threshold.
        </p>
      </header>
      <ApiKeyForm purpose="Creating, editing, deleting or backtesting a rule" />
      {notice && (
        <p className="status rule-notice" role="status">
          {notice}
        </p>
      )}
      <section className="chart-card" id="alert-rules" aria-labelledby="alert-rules-title" data-state={rules.state.status}>
        <div className="alert-rules-header">
          <h2 id="alert-rules-title">Rules</h2>
          <button type="button" id="new-rule" onClick={() => open({ kind: 'blank' })}>
            New rule
          </button>
          <button type="button" onClick={() => setVersion((v) => v + 1)}>
            Refresh rules
          </button>
        </div>
        {rules.state.status === 'loading' && <LoadingMessage what="the rules" />}
        {rules.state.status === 'error' && <ErrorMessage what="the rules" error={rules.state.error} onRetry={rules.retry} />}
        {rules.state.status === 'ready' && ruleList.length === 0 && <EmptyMessage>No alert rules yet. Use “New rule” to write one.</EmptyMessage>}
        {ruleList.length > 0 && (
          <RuleList rules={ruleList} historyOf={historyOf} onEdit={(id) => open({ kind: 'edit', id })} onHistory={(id) => setHistoryOf(historyOf === id ? null : id)} />
        )}
        {historyOf && ruleList.some((r) => r.id === historyOf) && (
          <RuleHistory rule={ruleList.find((r) => r.id === historyOf)!} version={version} onClose={() => setHistoryOf(null)} />
        )}
      </section>
      {editor && renderEditor(editor)}
      <AlertFeed metricOf={(id) => ruleList.find((r) => r.id === id)?.metric} version={version} />
    </main>
  );

  function renderEditor(current: Editor) {
    if (metrics.state.status === 'loading') return <LoadingMessage what="the metrics a rule can watch" />;
    if (metrics.state.status === 'error') return <ErrorMessage what="the metrics a rule can watch" error={metrics.state.error} onRetry={metrics.retry} />;
    const list: AlertMetric[] = metrics.state.data;
    switch (current.kind) {
      case 'edit':
        return <EditRule key={current.id} id={current.id} metrics={list} onDone={close} />;
      case 'view':
        return <NewRuleFromView viewId={current.viewId} metrics={list} onDone={close} />;
      case 'url': {
        const prefill = prefillFromSearch(current.search, list.map((m) => m.name))!;
        const origin = <p>Prefilled from the link that opened this page.</p>;
        return <RuleEditor key="url" ruleId={null} start={{ ...prefill, origin }} metrics={list} onDone={close} />;
      }
      case 'blank':
        return <RuleEditor key="blank" ruleId={null} start={{ draft: emptyDraft(), notes: [], backtest: { from: '', to: '' } }} metrics={list} onDone={close} />;
    }
  }
}
