import { Worker, type Job } from 'bullmq';
import { type AlertJob, AlertJobSchema, type ClickHouse, type Logger, QueueName, type Redis } from '@rift/core';
import { evaluateRule } from './evaluate.ts';
import { getState, recordTransitions, saveState } from './history-store.ts';
import { notificationExamples } from './examples.ts';
import { buildNotification, deliver, type DeliveryOptions, type DeliveryResult } from './notify.ts';
import { machineRule, recoveryThreshold } from './rule.ts';
import { getRule } from './rule-store.ts';
import { initialState, step, type AlertStatus, type Transition } from './state-machine.ts';

/** Evaluates rules: one observation, one step of the state machine, its changes stored and sent. */

export interface AlertDeps {
  clickhouse: ClickHouse;
  redis: Redis;
  prefix: string;
  delivery: DeliveryOptions;
  log?: Logger;
}

export interface EvaluationOutcome {
  ruleId: string;
  status: AlertStatus | 'skipped';
  transitions: Transition[];
  deliveries: DeliveryResult[];
}

/** Channels hear about the start and the end of an episode; the feed hears every change. */
const NOTIFY: ReadonlySet<AlertStatus> = new Set(['firing', 'resolved']);

/**
 * Evaluates one rule at `at`. A Redis lock per rule makes the read-step-write of its state
 * exclusive, so two workers (or a slow tick and the next) cannot both fire one episode.
 */
export async function evaluateAndRecord(ruleId: string, deps: AlertDeps, at = Date.now()): Promise<EvaluationOutcome> {
  const lock = `${deps.prefix}:alerts:lock:${ruleId}`;
  const token = `${process.pid}-${Math.random()}`;
  if ((await deps.redis.set(lock, token, 'PX', 120_000, 'NX')) !== 'OK') {
    return { ruleId, status: 'skipped', transitions: [], deliveries: [] };
  }
  try {
    const rule = await getRule(deps.clickhouse, ruleId);
    if (!rule || !rule.enabled) return { ruleId, status: 'skipped', transitions: [], deliveries: [] };
    const observation = await evaluateRule(deps.clickhouse, rule, at);
    const previous = (await getState(deps.clickhouse, ruleId)) ?? { ...initialState(at), evaluated_at: new Date(at).toISOString(), last: null };
    const { state, transitions } = step(previous, observation, machineRule(rule));
    if (transitions.length > 0) {
      await recordTransitions(
        deps.clickhouse,
        transitions.map((transition) => ({ ruleId, ruleName: rule.name, transition, observation, threshold: rule.threshold, recoveryThreshold: recoveryThreshold(rule) })),
      );
    }
    await saveState(deps.clickhouse, ruleId, { ...state, evaluated_at: new Date(at).toISOString(), last: observation });
    const deliveries: DeliveryResult[] = [];
    // State is stored before sending: a crash mid-delivery loses a message, never fires twice.
    const notified = transitions.filter((t) => NOTIFY.has(t.to));
    const examples = notified.length ? await notificationExamples(deps.clickhouse, rule, { from: observation.window_from, to: observation.window_to }) : [];
    for (const transition of notified) {
      const results = await deliver(rule, buildNotification(rule, transition, observation, deps.delivery.baseUrl, false, examples), deps.delivery);
      for (const r of results) if (!r.ok) deps.log?.warn({ rule: ruleId, channel: r.channel, err: r.error }, 'alert notification failed');
      deliveries.push(...results);
    }
    return { ruleId, status: state.status, transitions, deliveries };
  } finally {
    // Release only our own lock (it may have expired and been taken by another worker).
    if ((await deps.redis.get(lock)) === token) await deps.redis.del(lock);
  }
}

/** The BullMQ worker of the `alerts` queue. Closing it lets the running evaluations finish. */
export function startAlertsWorker(deps: AlertDeps & { concurrency?: number }): Worker<AlertJob, EvaluationOutcome> {
  const worker = new Worker<AlertJob, EvaluationOutcome>(
    QueueName.alerts,
    (job: Job<AlertJob>) => evaluateAndRecord(AlertJobSchema.parse(job.data).ruleId, deps),
    { connection: deps.redis, prefix: deps.prefix, concurrency: deps.concurrency ?? 4, autorun: true },
  );
  worker.on('completed', (job, outcome) => {
    if (outcome.transitions.length) deps.log?.info({ job: job.id, rule: outcome.ruleId, transitions: outcome.transitions }, 'alert state changed');
  });
  worker.on('failed', (job, err) => deps.log?.error({ job: job?.id, rule: job?.data.ruleId, err: err.message }, 'alert evaluation failed'));
  worker.on('error', (err) => deps.log?.error({ err: err.message }, 'alerts worker error'));
  return worker;
}
