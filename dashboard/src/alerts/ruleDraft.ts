import { RULE_FILTERS, type AlertRule, type Comparator, type RuleBody, type RuleFilterName } from './types';

/**
 * A rule as the form holds it: text as typed, so a half-written number is not lost. The API
 * validates; this module only converts between the form and the API's JSON.
 */
export interface RuleDraft {
  name: string;
  enabled: boolean;
  metric: string;
  /** Comma-separated labels or codes per filter. */
  filters: Record<RuleFilterName, string>;
  comparator: Comparator;
  threshold: string;
  recovery_threshold: string;
  window: string;
  interval: string;
  for: string;
  cooldown: string;
  min_sample: string;
  baseline_windows: string;
  webhook_url: string;
  /** Blank keeps the stored secret (or has one generated for a new webhook). */
  webhook_secret: string;
  slack_url: string;
}

const noFilters = (): Record<RuleFilterName, string> => ({ actor: '', stance: '', sentiment: '', topic: '', lang: '', source: '' });

export function emptyDraft(): RuleDraft {
  return {
    name: '',
    enabled: true,
    metric: 'stance_oppose_share',
    filters: noFilters(),
    comparator: '>',
    threshold: '',
    recovery_threshold: '',
    window: '1d',
    interval: '1h',
    for: '0s',
    cooldown: '0s',
    min_sample: '30',
    baseline_windows: '24',
    webhook_url: '',
    webhook_secret: '',
    slack_url: '',
  };
}

export function draftFromRule(rule: AlertRule): RuleDraft {
  const filters = noFilters();
  for (const name of RULE_FILTERS) filters[name] = rule.filters[name]?.join(',') ?? '';
  return {
    name: rule.name,
    enabled: rule.enabled,
    metric: rule.metric,
    filters,
    comparator: rule.comparator,
    threshold: String(rule.threshold),
    recovery_threshold: rule.recovery_threshold === undefined ? '' : String(rule.recovery_threshold),
    window: rule.window,
    interval: rule.interval,
    for: rule.for,
    cooldown: rule.cooldown,
    min_sample: String(rule.min_sample),
    baseline_windows: String(rule.baseline_windows ?? 24),
    webhook_url: rule.channels.webhook?.url ?? '',
    webhook_secret: '',
    slack_url: rule.channels.slack?.url ?? '',
  };
}

/** "a, b,,c" -> ["a", "b", "c"]; nothing -> undefined (no filter). */
export function splitList(text: string): string[] | undefined {
  const values = text.split(',').map((v) => v.trim()).filter(Boolean);
  return values.length ? values : undefined;
}

/** Blank stays undefined (the API then names the missing field); anything else is sent as a number. */
const numberOrUndefined = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

export function draftToBody(draft: RuleDraft): RuleBody {
  const filters: RuleBody['filters'] = {};
  for (const name of RULE_FILTERS) {
    const values = splitList(draft.filters[name]);
    if (values) filters[name] = values;
  }
  const channels: RuleBody['channels'] = {};
  if (draft.webhook_url.trim()) {
    channels.webhook = { url: draft.webhook_url.trim(), ...(draft.webhook_secret ? { secret: draft.webhook_secret } : {}) };
  }
  if (draft.slack_url.trim()) channels.slack = { url: draft.slack_url.trim() };
  return {
    name: draft.name,
    enabled: draft.enabled,
    metric: draft.metric,
    filters,
    comparator: draft.comparator,
    threshold: numberOrUndefined(draft.threshold) as number,
    ...(draft.recovery_threshold.trim() ? { recovery_threshold: Number(draft.recovery_threshold) } : {}),
    window: draft.window.trim(),
    interval: draft.interval.trim(),
    for: draft.for.trim(),
    cooldown: draft.cooldown.trim(),
    min_sample: numberOrUndefined(draft.min_sample) as number,
    ...(draft.metric === 'volume_zscore' ? { baseline_windows: numberOrUndefined(draft.baseline_windows) } : {}),
    channels,
  };
}
