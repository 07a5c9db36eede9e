import { Queue, type Worker } from 'bullmq';
import { type AlertJob, type ClickHouse, type Logger, publicUrl, QueueName, type Redis } from '@rift/core';
import { type EvaluationOutcome, listRules, startAlertsWorker, syncSchedules } from '@rift/alerts';
import type { Runtime } from '../runtime.ts';
import type { Shutdown } from '../shutdown.ts';

export interface AlertsDeps {
  clickhouse: ClickHouse;
  redis: Redis;
  prefix: string;
  /** The dashboard that notification links point at. */
  baseUrl: string;
  log?: Logger;
}

export interface Alerts {
  queue: Queue<AlertJob>;
  worker: Worker<AlertJob, EvaluationOutcome>;
  /** Lets running evaluations finish, then closes the queue. */
  close(): Promise<void>;
}

/**
 * Runs the alerts: one job scheduler per stored rule (re-synced here, so rules deleted while no
 * worker ran lose their schedule) and the worker that evaluates them. The API keeps schedules
 * current as rules change. `rift start` runs it as a role; the browser test stack runs the same.
 */
export async function startAlerts(deps: AlertsDeps): Promise<Alerts> {
  const queue = new Queue<AlertJob>(QueueName.alerts, { connection: deps.redis, prefix: deps.prefix });
  const rules = await listRules(deps.clickhouse);
  await syncSchedules(queue, rules);
  const worker = startAlertsWorker({ clickhouse: deps.clickhouse, redis: deps.redis, prefix: deps.prefix, delivery: { baseUrl: deps.baseUrl }, log: deps.log });
  deps.log?.info({ rules: rules.length }, 'alerts worker started');
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}

/** The alerts role of this process; notification links point at RIFT_PUBLIC_URL (this process's dashboard by default). */
export async function startAlertsRole(runtime: Runtime, shutdown: Shutdown): Promise<Alerts> {
  const alerts = await startAlerts({
    clickhouse: runtime.clickhouse,
    redis: runtime.redis,
    prefix: runtime.config.RIFT_QUEUE_PREFIX,
    baseUrl: publicUrl(runtime.config),
    log: runtime.log,
  });
  shutdown.add('alerts worker', () => alerts.close());
  return alerts;
}
