import type { FastifyInstance } from 'fastify';
import { type ClickHouse, type Config, loadConfig } from '@rift/core';
import { installAccessControl } from '../auth/access.ts';
import { FailedAuthLimiter } from '../auth/failed-auth.ts';
import { KeyAuthenticator } from '../auth/key-cache.ts';
import { ApiKeyStore } from '../auth/key-store.ts';
import type { SessionStore } from '../auth/sessions.ts';
import type { Role } from '../auth/roles.ts';
import { installHttpMetrics } from './http-metrics.ts';
import { echoRequestId } from './logging.ts';
import { installRateLimit } from './rate-limit.ts';
import { installCors, installSecurityHeaders } from './security-headers.ts';

/** Who may call the API and how much it may ask; from configuration, or set by tests. */
export interface ProtectionOptions {
  publicReads: boolean;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  /** Refused API keys per IP address and minute before that address gets 429. */
  authFailuresPerMinute: number;
  bodyLimitBytes: number;
  queryTimeoutSeconds: number;
  maxRows: number;
  metricsRole: Role;
  /** Headers and body must have arrived within this (the whole request, not each byte). */
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** A connection silent both ways for this long is closed. */
  idleTimeoutMs: number;
  connectionsPerClient: number;
  /** How long a key lookup is remembered: the longest a revoked key keeps working. */
  keyCacheMs: number;
}

export function protectionFromConfig(config: Config): ProtectionOptions {
  return {
    publicReads: config.RIFT_PUBLIC_READS,
    corsOrigins: config.RIFT_CORS_ORIGINS,
    rateLimitPerMinute: config.RIFT_RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: config.RIFT_AUTH_FAILURES_PER_MINUTE,
    bodyLimitBytes: config.RIFT_API_BODY_LIMIT_BYTES,
    queryTimeoutSeconds: config.RIFT_API_QUERY_TIMEOUT_S,
    maxRows: config.RIFT_API_MAX_ROWS,
    metricsRole: config.RIFT_METRICS_ROLE,
    requestTimeoutMs: config.RIFT_API_REQUEST_TIMEOUT_S * 1000,
    keepAliveTimeoutMs: config.RIFT_API_KEEP_ALIVE_TIMEOUT_S * 1000,
    idleTimeoutMs: config.RIFT_API_IDLE_TIMEOUT_S * 1000,
    connectionsPerClient: config.RIFT_API_CONNECTIONS_PER_CLIENT,
    keyCacheMs: 10_000,
  };
}

/** The given options over the configuration's defaults (not the environment: tests stay hermetic). */
export function protectionOptions(given: Partial<ProtectionOptions> = {}): ProtectionOptions {
  return { ...protectionFromConfig(loadConfig({})), ...given };
}

/**
 * Installs, in the order they must run on each request: the request id and security headers
 * (so that even refusals carry them), CORS, access control, then the rate limit (which counts
 * per key, so it runs after the key is known), and the timing of every answer.
 * Must be called before the routes are added: the rate limit attaches itself to each route.
 */
export async function installProtection(app: FastifyInstance, clickhouse: ClickHouse, options: ProtectionOptions, sessions?: SessionStore): Promise<KeyAuthenticator> {
  echoRequestId(app);
  await installSecurityHeaders(app);
  await installCors(app, options.corsOrigins);
  const authenticator = new KeyAuthenticator(new ApiKeyStore(clickhouse), { ttlMs: options.keyCacheMs });
  const failures = new FailedAuthLimiter(options.authFailuresPerMinute);
  installAccessControl(app, { authenticator, failures, publicReads: options.publicReads, sessions });
  await installRateLimit(app, options.rateLimitPerMinute);
  installHttpMetrics(app);
  return authenticator;
}
