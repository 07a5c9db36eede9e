import { getJson } from '../api/client';
import { sendJson } from '../api/write';
import type { AlertMetric, AlertRule, BacktestResult, HistoryEntry, RuleBody, SavedView } from './types';

// Reads go through getJson (which sends a key when one is set, so analysts see full hook URLs);
// writes through sendJson, signed with the key entered on the page.

export const fetchRules = (signal?: AbortSignal) => getJson<{ rules: AlertRule[] }>('/api/alerts', signal).then((r) => r.rules);

export const fetchRule = (id: string, signal?: AbortSignal) => getJson<AlertRule>(`/api/alerts/${encodeURIComponent(id)}`, signal);

export const fetchFeed = (limit: number, signal?: AbortSignal) =>
  getJson<{ feed: HistoryEntry[] }>(`/api/alerts/feed?limit=${limit}`, signal).then((r) => r.feed);

export const fetchHistory = (id: string, signal?: AbortSignal) =>
  getJson<{ history: HistoryEntry[] }>(`/api/alerts/${encodeURIComponent(id)}/history?limit=200`, signal).then((r) => r.history);

export const fetchAlertMetrics = (signal?: AbortSignal) =>
  getJson<{ metrics: AlertMetric[] }>('/api/alerts/metrics', signal).then((r) => r.metrics);

export const fetchView = (id: string, signal?: AbortSignal) => getJson<SavedView>(`/api/views/${encodeURIComponent(id)}`, signal);

export const createRule = (body: RuleBody) => sendJson<AlertRule & { webhook_secret: string | null }>('POST', '/api/alerts', body);

export const updateRule = (id: string, body: RuleBody) => sendJson<AlertRule>('PUT', `/api/alerts/${encodeURIComponent(id)}`, body);

export const deleteRule = (id: string) => sendJson<void>('DELETE', `/api/alerts/${encodeURIComponent(id)}`);

/** Runs an unsaved rule over the stored history (the whole of it unless from/to are given). */
export const backtestRule = (rule: RuleBody, range: { from?: string; to?: string }) =>
  sendJson<BacktestResult>('POST', '/api/alerts/backtest', { rule, ...range });
