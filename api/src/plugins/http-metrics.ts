import type { FastifyInstance } from 'fastify';
import { httpRequestSeconds } from '@rift/core';

/**
 * Times every answer. The route label is the route's pattern (`/api/trends`), never the URL
 * asked for, so that a scan of random paths adds one `unmatched` series, not one per path.
 */
export function installHttpMetrics(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const pattern = request.routeOptions.url;
    const route = pattern === undefined || pattern === '/*' || reply.statusCode === 404 ? 'unmatched' : pattern;
    httpRequestSeconds.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}
