// Shapes of the alert API (/api/alerts...) as the alerts page reads and writes them.

export const COMPARATORS = ['>', '>=', '<', '<='] as const;
export type Comparator = (typeof COMPARATORS)[number];
/** The filters a rule takes, each a list of labels or codes. */
export const RULE_FILTERS = ['actor', 'stance', 'sentiment', 'topic', 'lang', 'source'] as const;
export type RuleFilterName = (typeof RULE_FILTERS)[number];
export type AlertStatus = 'ok' | 'pending' | 'firing' | 'resolved';

/** What POST and PUT /api/alerts take (and backtest takes as `rule`). */
export interface RuleBody {
  name: string;
  enabled: boolean;
  metric: string;
  filters: Partial<Record<RuleFilterName, string[]>>;
  comparator: Comparator;
  threshold: number;
  recovery_threshold?: number;
  window: string;
  interval: string;
  for: string;
  cooldown: string;
  min_sample: number;
  baseline_windows?: number;
  channels: { webhook?: { url: string; secret?: string }; slack?: { url: string } };
}

export interface WindowObservation {
  window_from: string;
  window_to: string;
  value: number | null;
  n: number;
  note?: string;
}

export interface RuleState {
  status: AlertStatus;
  since: number;
  episodes: number;
  insufficient: boolean;
  evaluated_at: string;
  last: WindowObservation | null;
}

export interface AlertRule extends RuleBody {
  id: string;
  created_at: string;
  updated_at: string;
  state?: RuleState | null;
}

export interface HistoryEntry {
  rule_id: string;
  rule_name: string;
  at: string;
  from: AlertStatus;
  to: AlertStatus;
  value: number | null;
  n: number;
  threshold: number;
  recovery_threshold: number;
  details: { observation?: WindowObservation };
  links: { view: string; posts: string } | null;
}

export interface AlertMetric {
  name: string;
  definition: string;
}

export interface BacktestPoint {
  at: string;
  value: number | null;
  n: number;
  status: AlertStatus;
  insufficient: boolean;
}

export interface BacktestEpisode {
  pending_at: string | null;
  fired_at: string;
  resolved_at: string | null;
  peak_value: number | null;
}

export interface BacktestResult {
  from: string;
  to: string;
  steps: number;
  episodes: BacktestEpisode[];
  points: BacktestPoint[];
}

/** GET /api/views/:id: a saved view of a dashboard page, its URL search params kept as they were. */
export interface SavedView {
  id: string;
  name: string;
  page: 'divide' | 'explore';
  params: Record<string, string>;
  url: string;
  created_at: string;
}
