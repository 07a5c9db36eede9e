import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from './app.ts';

export interface ListenOptions {
  host: string;
  port: number;
}

/**
 * Builds the app and listens. The caller owns shutdown: `await app.close()` stops accepting
 * requests and waits for those in flight, before it closes Redis and ClickHouse.
 */
export async function startServer(deps: AppDeps, { host, port }: ListenOptions): Promise<FastifyInstance> {
  const app = await buildApp(deps);
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close();
    throw err;
  }
  return app;
}
