import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { collectProcessMetrics, deadLetterCount, DeadLetters, metricsRegistry, queueJobs, queueOldestWaitingSeconds, type Redis, redisUp } from '@rift/core';
import type { Role } from '../auth/roles.ts';

export interface MetricsDeps {
  redis: Redis;
  postsQueue: Queue;
  queuePrefix: string;
}

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Each Redis read gets this long; a scrape must answer even when Redis hangs. */
const READ_TIMEOUT_MS = 1500;

function within<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), READ_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether Redis takes commands now, waiting briefly for a connection being made. Commands to a
 * disconnected client wait for a reconnect, so none are sent unless it is ready.
 */
function redisReady(redis: Redis): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  if (redis.status !== 'connecting' && redis.status !== 'connect') return Promise.resolve(false);
  return within(new Promise<boolean>((resolve) => redis.once('ready', () => resolve(true)))).catch(() => false);
}

/** Reads the queue's state into the gauges; on failure they are NaN and rift_redis_up is 0. */
async function readQueue(deps: MetricsDeps, deadLetters: DeadLetters): Promise<void> {
  try {
    if (!(await redisReady(deps.redis))) throw new Error('Redis is not connected');
    const [counts, dead, oldest] = await within(
      Promise.all([
        deps.postsQueue.getJobCounts(...STATES),
        deadLetters.count(),
        deps.postsQueue.getJobs(['waiting'], 0, 0, true),
      ]),
    );
    for (const state of STATES) queueJobs.set({ state }, counts[state] ?? 0);
    deadLetterCount.set(dead);
    const first = oldest[0];
    queueOldestWaitingSeconds.set(first ? Math.max(0, (Date.now() - first.timestamp) / 1000) : 0);
    redisUp.set(1);
  } catch {
    for (const state of STATES) queueJobs.set({ state }, Number.NaN);
    deadLetterCount.set(Number.NaN);
    queueOldestWaitingSeconds.set(Number.NaN);
    redisUp.set(0);
  }
}

/** GET /metrics: Prometheus text format, for a scraper. */
export function metricsRoute(app: FastifyInstance, deps: MetricsDeps, role: Role = 'viewer'): void {
  collectProcessMetrics();
  const deadLetters = new DeadLetters(deps.redis, deps.queuePrefix);
  app.get(
    '/metrics',
    {
      config: { role },
      schema: {
        summary: 'Metrics for Prometheus',
        description: 'Process, HTTP and queue metrics (jobs per state, dead letters, age of the oldest waiting job, whether Redis is up) in the Prometheus text format.',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    async (_request, reply) => {
      await readQueue(deps, deadLetters);
      void reply.type(metricsRegistry.contentType);
      return metricsRegistry.metrics();
    },
  );
}
