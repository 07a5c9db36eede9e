import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** The directory holds a built dashboard (the Vite output), not just an empty folder. */
function hasDashboard(dir: string | undefined): dir is string {
  return dir !== undefined && existsSync(path.join(dir, 'index.html'));
}

const isApiPath = (url: string): boolean => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/** `/assets/app-1a2b.js` is a file: if it is missing, index.html in its place would only confuse. */
const looksLikeFile = (url: string): boolean => /\.[A-Za-z0-9]+$/.test(url.split('?')[0]!);

/**
 * Serves the built dashboard at `/`. The dashboard routes in the browser, so any other GET that
 * is not an API path and not a file gets index.html; unknown API paths always get a JSON 404.
 */
export async function serveDashboard(app: FastifyInstance, dashboardDir: string | undefined): Promise<void> {
  const dashboard = hasDashboard(dashboardDir);
  if (dashboard) {
    await app.register(fastifyStatic, { root: path.resolve(dashboardDir), prefix: '/', index: ['index.html'] });
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const spaRoute =
      dashboard &&
      !isApiPath(request.url) &&
      !looksLikeFile(request.url) &&
      (request.method === 'GET' || request.method === 'HEAD');
    if (spaRoute) {
      // index.html names hashed assets; it must be revalidated so a new build shows up at once.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    }
    return reply.status(404).send({ error: 'Not Found', message: `no route for ${request.method} ${request.url.split('?')[0]}` });
  });
}
