import { HttpError } from '@rift/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';

/**
 * A request budget per client and minute: per API key when the request carries a valid one
 * (access control runs first and sets `request.client`), per IP address otherwise.
 *
 * The counts live in this process's memory, not in Redis: the API must keep answering (health
 * above all) when Redis is down, and a Redis-backed limiter would wait on it for every request.
 * With several API processes behind a balancer, a client gets up to this budget from each.
 */
export async function installRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    cache: 10_000,
    keyGenerator: (request: FastifyRequest) => (request.client ? `key:${request.client.id}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, `too many requests: at most ${context.max} a minute per client; try again in ${context.after}`),
  });
}
