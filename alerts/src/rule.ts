import { z } from 'zod';
import { FILTERS, type Filters, METRIC_NAMES, type MetricName, METRICS, parseFilter } from '@rift/queries';
import { COMPARATORS, type MachineRule } from './state-machine.ts';

/**
 * An alert rule: what to watch (a trend metric, the divide, or a volume spike), over which
 * slice, when it fires and when it counts as over, and where to say so. Input is checked here,
 * once; the evaluation, the state machine and the routes take the parsed rule.
 */

/** Metrics computed from the trend metrics for alerts (definitions beside them). */
export const DERIVED_METRICS = {
  divide_stance:
    'Share of "oppose_ban" posts among the public minus the same share among the US government, from -1 to 1; n is the smaller side.',
  divide_sentiment: 'Mean sentiment of the public minus mean sentiment of the US government, from -2 to 2; n is the smaller side.',
  volume_zscore:
    'Posts in the latest window as a z-score against the previous baseline_windows windows (mean and sample standard deviation).',
} as const;

/**
 * Trend metrics a rule can watch. A share of the source's posts is left out: a window's share is
 * its posts over all its sources' posts, which the hourly points (only hours with matching posts)
 * cannot rebuild.
 */
type WatchedTrendMetric = Exclude<MetricName, 'volume_share_of_source'>;
const WATCHED_TREND_METRICS = METRIC_NAMES.filter((m): m is WatchedTrendMetric => m !== 'volume_share_of_source');

export const ALERT_METRICS = [...WATCHED_TREND_METRICS, ...(Object.keys(DERIVED_METRICS) as Array<keyof typeof DERIVED_METRICS>)] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION = /^(\d{1,6})(s|m|h|d|w)$/;
export const HOUR_MS = UNIT_MS.h;

/** "90s", "5m", "1h", "1d", "2w" in milliseconds, or undefined if it is not one. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : undefined;
}

function duration(what: string, min: number, max: number, check?: (ms: number) => string | undefined) {
  return z.string().superRefine((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) return void ctx.addIssue({ code: 'custom', message: `${what}: write a duration like 30s, 5m, 1h, 1d or 1w` });
    if (ms < min || ms > max) ctx.addIssue({ code: 'custom', message: `${what} must be between ${min / 1000} s and ${max / 86_400_000} days` });
    const problem = check?.(ms);
    if (problem) ctx.addIssue({ code: 'custom', message: `${what} ${problem}` });
  });
}

/** The same filters as /api/trends, as lists, checked by the trend module's own rules. */
const FiltersSchema = z
  .object(Object.fromEntries(FILTERS.map((name) => [name, z.array(z.string()).min(1).optional()])) as Record<(typeof FILTERS)[number], z.ZodOptional<z.ZodArray<z.ZodString>>>)
  .strict()
  .superRefine((filters, ctx) => {
    for (const name of FILTERS) {
      const values = filters[name];
      try {
        if (values) parseFilter(name, values.join(','));
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: [name], message: (err as Error).message });
      }
    }
  });

const Url = z.url({ protocol: /^https?$/ }).max(2000);

export const RuleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    enabled: z.boolean().default(true),
    metric: z.enum(ALERT_METRICS),
    filters: FiltersSchema.default({}),
    comparator: z.enum(COMPARATORS),
    threshold: z.number().finite(),
    /** Hysteresis: a firing rule resolves only once the value is past this; defaults to threshold. */
    recovery_threshold: z.number().finite().optional(),
    // The rollups are hourly, so a window is whole hours.
    window: duration('window', HOUR_MS, 92 * UNIT_MS.d, (ms) => (ms % HOUR_MS === 0 ? undefined : 'must be whole hours (1h, 6h, 1d)')),
    interval: duration('interval', 10_000, 7 * UNIT_MS.d),
    for: duration('for', 0, 30 * UNIT_MS.d).default('0s'),
    cooldown: duration('cooldown', 0, 30 * UNIT_MS.d).default('0s'),
    min_sample: z.number().int().min(0).max(1_000_000).default(30),
    baseline_windows: z.number().int().min(2).max(500).default(24),
    /** Divide rules only, as on /api/divide: per post or per author, raw or corrected for classifier error, every copy or copies once. */
    unit: z.enum(['post', 'author']).default('post'),
    correction: z.enum(['none', 'confusion']).default('none'),
    copies: z.enum(['all', 'once']).default('all'),
    channels: z
      .object({
        webhook: z.object({ url: Url, secret: z.string().min(16).max(200).optional() }).strict().optional(),
        slack: z.object({ url: Url }).strict().optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const recovery = rule.recovery_threshold ?? rule.threshold;
    // The recovery threshold must sit on the safe side of the firing one, or a rule would resolve while still firing.
    const above = rule.comparator === '>' || rule.comparator === '>=';
    if (above ? recovery > rule.threshold : recovery < rule.threshold) {
      ctx.addIssue({ code: 'custom', path: ['recovery_threshold'], message: `recovery_threshold must be ${above ? 'at most' : 'at least'} threshold for comparator ${rule.comparator}` });
    }
    if ((rule.metric === 'divide_stance' || rule.metric === 'divide_sentiment') && rule.filters.actor) {
      ctx.addIssue({ code: 'custom', path: ['filters', 'actor'], message: 'the divide compares actors itself; leave the actor filter out' });
    }
    if (!isDivideMetric(rule.metric) && (rule.unit !== 'post' || rule.correction !== 'none' || rule.copies !== 'all')) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: 'unit=author, correction=confusion and copies=once apply to the divide metrics (divide_stance, divide_sentiment) only' });
    }
    if (rule.metric === 'divide_sentiment' && rule.correction !== 'none') {
      ctx.addIssue({ code: 'custom', path: ['correction'], message: 'correction=confusion corrects stance shares; divide_sentiment has nothing to correct' });
    }
  });

const isDivideMetric = (metric: AlertMetric) => metric === 'divide_stance' || metric === 'divide_sentiment';

/** A divide rule read per author, corrected or with copies once: evaluated window by window like /api/divide, not from hourly points. */
export const readsDivideWindows = (rule: RuleSpec): boolean =>
  isDivideMetric(rule.metric) && (rule.unit === 'author' || rule.correction === 'confusion' || rule.copies === 'once');

export type RuleInput = z.input<typeof RuleInputSchema>;
export type RuleSpec = z.output<typeof RuleInputSchema>;

/** A stored rule: the input plus its id, times, and the webhook secret (generated when not given). */
export interface AlertRule extends RuleSpec {
  id: string;
  created_at: string;
  updated_at: string;
}

/** The numbers the state machine and evaluation use, in milliseconds. */
export interface RuleTiming {
  windowMs: number;
  intervalMs: number;
  forMs: number;
  cooldownMs: number;
}

export function ruleTiming(rule: RuleSpec): RuleTiming {
  return {
    windowMs: parseDuration(rule.window)!,
    intervalMs: parseDuration(rule.interval)!,
    forMs: parseDuration(rule.for)!,
    cooldownMs: parseDuration(rule.cooldown)!,
  };
}

export const recoveryThreshold = (rule: RuleSpec): number => rule.recovery_threshold ?? rule.threshold;

/** Metrics whose n is the number of posts they count. */
const POST_COUNT_METRICS: ReadonlySet<AlertMetric> = new Set<AlertMetric>(['volume', 'volume_zscore']);

/** What the state machine needs of a rule. */
export function machineRule(rule: RuleSpec): MachineRule {
  const { forMs, cooldownMs } = ruleTiming(rule);
  return {
    comparator: rule.comparator,
    threshold: rule.threshold,
    recoveryThreshold: recoveryThreshold(rule),
    forMs,
    cooldownMs,
    minSample: rule.min_sample,
    countsPosts: POST_COUNT_METRICS.has(rule.metric),
  };
}

export const ruleFilters = (rule: RuleSpec): Filters => rule.filters as Filters;

export function metricDefinition(metric: AlertMetric): string {
  return metric in DERIVED_METRICS ? DERIVED_METRICS[metric as keyof typeof DERIVED_METRICS] : METRICS[metric as MetricName].definition;
}

/**
 * A rule as the API shows it: the webhook secret is never read back, and channel URLs (a Slack
 * hook URL is itself a credential) only to analysts; others see the host.
 */
export function publicRule(rule: AlertRule, showUrls: boolean): AlertRule {
  const { webhook, slack } = rule.channels;
  const url = (u: string) => (showUrls ? u : `${new URL(u).origin}/...`);
  return {
    ...rule,
    channels: { ...(webhook ? { webhook: { url: url(webhook.url) } } : {}), ...(slack ? { slack: { url: url(slack.url) } } : {}) },
  };
}

/** zod's issues as one sentence, like the API's other 400s. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
