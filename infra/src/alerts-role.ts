import { Queue, type Worker } from 'bullmq';
import { QueueName, type AlertJob } from '@rift/core/queues';
import { listRules } from '@rift/api/alerts/rule-store';
import { syncSchedules } from '@rift/api/alerts/scheduler';
import { startAlertsWorker, type EvaluationOutcome } from '@rift/api/alerts/worker';
import type { Runtime } from './runtime.ts';
import type { Shutdown } from './shutdown.ts';

/**
 * Runs the alerts: one job scheduler per stored rule (re-synced here, so rules deleted while no
 * worker ran lose their schedule) and the worker that evaluates them. The API keeps schedules
 * current as rules change. Notification links point at this process's dashboard.
 */
export async function startAlertsRole(runtime: Runtime, shutdown: Shutdown): Promise<{ queue: Queue<AlertJob>; worker: Worker<AlertJob, EvaluationOutcome> }> {
  const prefix = runtime.config.RIFT_QUEUE_PREFIX;
  const queue = new Queue<AlertJob>(QueueName.alerts, { connection: runtime.redis, prefix });
  const rules = await listRules(runtime.clickhouse);
  await syncSchedules(queue, rules);
  const worker = startAlertsWorker({
    clickhouse: runtime.clickhouse,
    redis: runtime.redis,
    prefix,
    delivery: { baseUrl: `http://localhost:${runtime.config.PORT}` },
    log: runtime.log,
  });
  shutdown.add('alerts worker', async () => {
    await worker.close();
    await queue.close();
  });
  runtime.log.info({ rules: rules.length }, 'alerts worker started');
  return { queue, worker };
}
