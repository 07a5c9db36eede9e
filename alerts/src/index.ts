// The front door of @rift/alerts: alert rules and their stores, evaluation, the state machine, the
// BullMQ scheduler and worker, webhooks and backtests. The API's alert routes and the CLI's alerts
// role use it. Its package.json exports only this file.
export { backtest } from './backtest.ts';
export { evaluateRule } from './evaluate.ts';
export { getState, getStates, type HistoryEntry, listHistory } from './history-store.ts';
export { buildNotification, deliver, sliceLinks } from './notify.ts';
export { createRule, deleteRule, getRule, listRules, updateRule } from './rule-store.ts';
export { ALERT_METRICS, type AlertRule, describeIssues, metricDefinition, publicRule, RuleInputSchema, type RuleSpec } from './rule.ts';
export { scheduleRule, syncSchedules, unscheduleRule } from './scheduler.ts';
export { evaluateAndRecord, type EvaluationOutcome, startAlertsWorker } from './worker.ts';
