import path from 'node:path';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '@rift/core';
import { protectionFromConfig, startServer } from '@rift/api';
import { enabledSourceNames } from '@rift/ingest';
import type { Runtime } from '../runtime.ts';
import type { Shutdown } from '../shutdown.ts';

export const DASHBOARD_DIR = path.join(REPO_ROOT, 'dashboard/dist');

/** Starts the API and dashboard; closing the listener is the first shutdown step. */
export async function startApiRole(runtime: Runtime, shutdown: Shutdown): Promise<FastifyInstance> {
  if (!existsSync(DASHBOARD_DIR)) runtime.log.warn(`${DASHBOARD_DIR} is missing: run "npm run build -w dashboard"; the API still works`);
  const app = await startServer(
    {
      clickhouse: runtime.clickhouse,
      redis: runtime.redis,
      postsQueue: runtime.postsQueue,
      queuePrefix: runtime.config.RIFT_QUEUE_PREFIX,
      pack: runtime.pack,
      enabledSources: enabledSourceNames(runtime.sourcesConfig),
      dashboardDir: DASHBOARD_DIR,
      logger: runtime.log,
      protection: protectionFromConfig(runtime.config),
    },
    { host: runtime.config.HOST, port: runtime.config.PORT },
  );
  shutdown.add('http server', () => app.close());
  return app;
}
