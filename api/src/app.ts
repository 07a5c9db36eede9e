import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Queue } from 'bullmq';
import type { ClickHouse, Redis, TopicPack } from '@rift/core';
import { serveDashboard } from './dashboard.ts';
import { installErrorHandler } from './errors.ts';
import { eventsRoute } from './routes/events.ts';
import { healthRoute } from './routes/health.ts';
import { sourcesRoute } from './routes/sources.ts';
import { summaryRoute } from './routes/summary.ts';
import { exportRoutes } from './routes/export.ts';
import { postsRoute } from './routes/posts.ts';
import { sampleRoute } from './routes/sample.ts';
import { validationsRoutes } from './routes/validations.ts';
import { alertsRoutes } from './routes/alerts.ts';
import { viewsRoutes } from './routes/views.ts';
import { trendsRoute } from './routes/trends.ts';
import { divideRoute, moversRoute } from './routes/divide.ts';
import { divideEventsRoute } from './routes/divide-events.ts';
import { metricsRoute } from './routes/metrics.ts';
import { gapsRoute } from './routes/gaps.ts';
import { sessionRoutes } from './routes/session.ts';
import { zeeschuimerUploadRoutes } from './routes/zeeschuimer-upload.ts';
import { SessionStore } from './auth/sessions.ts';
import { forgetRoute } from './routes/forget.ts';
import { auditRoute } from './routes/audit.ts';
import { genReqId, redactedLogger } from './plugins/logging.ts';
import { installProtection, protectionOptions, type ProtectionOptions } from './plugins/protection.ts';
import { limitQueries } from './plugins/query-limits.ts';
import { installApiDocs } from './plugins/api-docs.ts';
import { correctionOptionsFromConfig, type CorrectionOptions } from '@rift/queries';
import { limitConnectionsPerClient, timeoutOptions } from './plugins/connection-limits.ts';

/** Everything the API talks to, made by the caller so that tests and `rift serve` share this code. */
export interface AppDeps {
  clickhouse: ClickHouse;
  redis: Redis;
  postsQueue: Queue;
  queuePrefix: string;
  pack: TopicPack;
  /** The sources this instance's configuration enables, so that /api/sources can list those that never ran. */
  enabledSources?: string[];
  /** The built dashboard (`dashboard/dist`); served at `/` when it exists. */
  dashboardDir?: string;
  /** Fastify logger options, or a ready pino logger. */
  logger?: boolean | object;
  /** Keys, CORS and request limits; unset fields take the defaults of core/src/config.ts. */
  protection?: Partial<ProtectionOptions>;
  /** The stance correction's confusion matrix file and minimum labelled statements; defaults from core/src/config.ts. */
  correction?: Partial<CorrectionOptions>;
}

function loggerOptions(logger: AppDeps['logger']): Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> {
  if (logger && typeof logger === 'object' && typeof (logger as { child?: unknown }).child === 'function') {
    return { loggerInstance: logger as FastifyServerOptions['loggerInstance'] };
  }
  return { logger: (logger ?? false) as FastifyServerOptions['logger'] };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const protection = protectionOptions(deps.protection);
  const app = Fastify({
    ...loggerOptions(redactedLogger(deps.logger)),
    genReqId,
    bodyLimit: protection.bodyLimitBytes,
    ...timeoutOptions(protection),
    ajv: {
      customOptions: {
        // Unknown query parameters are refused, not dropped: a typo must not silently widen a query.
        removeAdditional: false,
        allErrors: false,
      },
    },
  }) as unknown as FastifyInstance;

  installErrorHandler(app);
  limitConnectionsPerClient(app.server, protection.connectionsPerClient);
  const sessions = new SessionStore(deps.redis, deps.queuePrefix);
  const authenticator = await installProtection(app, deps.clickhouse, protection, sessions);
  // Before the routes: the OpenAPI document lists the routes added after it.
  await installApiDocs(app);
  // Every route's queries carry the API's time and row limits.
  deps = { ...deps, clickhouse: limitQueries(deps.clickhouse, { timeoutSeconds: protection.queryTimeoutSeconds, maxRows: protection.maxRows }) };
  healthRoute(app, deps);
  trendsRoute(app, deps.clickhouse);
  eventsRoute(app, deps.pack);
  summaryRoute(app, deps.clickhouse);
  sourcesRoute(app, deps);
  postsRoute(app, deps.clickhouse);
  const correction = { ...correctionOptionsFromConfig(), ...deps.correction };
  divideRoute(app, deps.clickhouse, correction);
  divideEventsRoute(app, deps.clickhouse, deps.pack, correction);
  moversRoute(app, deps.clickhouse);
  exportRoutes(app, deps);
  sampleRoute(app, deps.clickhouse);
  validationsRoutes(app, deps);
  alertsRoutes(app, deps);
  viewsRoutes(app, deps.clickhouse);
  metricsRoute(app, deps, protection.metricsRole);
  gapsRoute(app, deps.clickhouse);
  sessionRoutes(app, authenticator, sessions);
  zeeschuimerUploadRoutes(app, deps);
  forgetRoute(app, deps.clickhouse);
  auditRoute(app, deps.clickhouse);
  await serveDashboard(app, deps.dashboardDir);
  await app.ready();
  return app;
}
