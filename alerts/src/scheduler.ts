import type { Queue } from 'bullmq';
import type { AlertJob } from '@rift/core';
import { ruleTiming, type AlertRule } from './rule.ts';

/**
 * One BullMQ job scheduler per enabled rule on the `alerts` queue, every `interval`. The routes
 * call these on every change; the alerts role calls syncSchedules at start so that the stored
 * rules are the whole truth (a rule deleted while no worker ran loses its scheduler then).
 */

const schedulerId = (ruleId: string): string => `rule:${ruleId}`;

export async function scheduleRule(queue: Queue<AlertJob>, rule: AlertRule): Promise<void> {
  if (!rule.enabled) return unscheduleRule(queue, rule.id);
  await queue.upsertJobScheduler(
    schedulerId(rule.id),
    { every: ruleTiming(rule).intervalMs },
    // One attempt: the next tick evaluates again, and a retry must not race it.
    { name: 'evaluate', data: { ruleId: rule.id }, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 } },
  );
}

export async function unscheduleRule(queue: Queue<AlertJob>, ruleId: string): Promise<void> {
  await queue.removeJobScheduler(schedulerId(ruleId));
}

export async function syncSchedules(queue: Queue<AlertJob>, rules: readonly AlertRule[]): Promise<void> {
  const wanted = new Set(rules.filter((r) => r.enabled).map((r) => schedulerId(r.id)));
  for (const existing of await queue.getJobSchedulers()) {
    if (existing.key && !wanted.has(existing.key)) await queue.removeJobScheduler(existing.key);
  }
  for (const rule of rules) await scheduleRule(queue, rule);
}
