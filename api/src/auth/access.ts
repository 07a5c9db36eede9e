import { HttpError } from '@rift/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FailedAuthLimiter } from './failed-auth.ts';
import type { ApiClient, KeyAuthenticator } from './key-cache.ts';
import { allows, isRole, type Role } from './roles.ts';
import { cookieValue, SESSION_COOKIE, type SessionStore } from './sessions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The role a route needs, e.g. `config: { role: 'analyst' }`; see requiredRole for the default. */
    role?: Role;
    /** Also accept a signed-in browser's session cookie (the routes Zeeschuimer's upload calls). */
    cookieAuth?: boolean;
    /** No key needed: the sign-in route, which checks the key it is given itself. */
    signIn?: boolean;
  }
  interface FastifyRequest {
    /** The key's owner, or null for an anonymous read. */
    client: ApiClient | null;
  }
}

export interface AccessOptions {
  authenticator: KeyAuthenticator;
  /** Counts refused keys per IP address; past its budget a client gets 429 before any lookup. */
  failures: FailedAuthLimiter;
  /** Let `viewer` routes answer requests without a key. Writes never are open. */
  publicReads: boolean;
  /** Sessions for the routes that declare `cookieAuth`; without it, no cookie is ever accepted. */
  sessions?: SessionStore;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The role a request needs: what its route declares, else by what it is. Reads of the API
 * (and /metrics) need `viewer`; other reads (the dashboard's files, CORS preflights) need
 * nothing; any write that forgot to declare a role needs `admin`, so a mistake fails closed.
 */
export function requiredRole(request: FastifyRequest): Role | 'public' {
  if (request.routeOptions.config?.signIn === true) return 'public';
  const declared = request.routeOptions.config?.role;
  if (declared !== undefined) return declared;
  if (!READ_METHODS.has(request.method)) return 'admin';
  if (request.method === 'OPTIONS') return 'public';
  // Both the route's pattern and the path asked for are checked, so that no spelling of a URL
  // that reaches an API route can pass for a dashboard file.
  const paths = [request.routeOptions.url ?? '', request.url.split('?')[0]!];
  return paths.some(isReadOfData) ? 'viewer' : 'public';
}

const isReadOfData = (path: string): boolean => path === '/api' || path.startsWith('/api/') || path === '/metrics';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function unauthorized(message: string): HttpError {
  return new HttpError(401, message, { 'www-authenticate': 'Bearer realm="rift"' });
}

/** One onRequest hook that decides every request: 401 without a valid key, 403 without the role. */
export function installAccessControl(app: FastifyInstance, options: AccessOptions): void {
  app.decorateRequest('client', null);
  // A misspelt role fails when the route is added, not when the route is first called.
  app.addHook('onRoute', (route) => {
    const role = (route.config as { role?: unknown } | undefined)?.role;
    if (role !== undefined && !isRole(role)) throw new Error(`route ${route.url} declares an unknown role ${JSON.stringify(role)}`);
  });
  app.addHook('onRequest', async (request, reply) => {
    const needed = requiredRole(request);
    if (needed === 'public') return;
    const header = request.headers.authorization;
    if (header === undefined) {
      const client = await sessionClient(request, options);
      if (client) return admit(request, reply, client, needed);
      if (needed === 'viewer' && options.publicReads) return;
      throw unauthorized(`this route needs an API key with the ${needed} role: send "Authorization: Bearer KEY"`);
    }
    const retryAfter = options.failures.retryAfterSeconds(request.ip);
    if (retryAfter > 0) {
      throw new HttpError(429, `too many refused API keys from this address: at most ${options.failures.perMinute} a minute; try again in ${retryAfter} seconds`, {
        'retry-after': String(retryAfter),
      });
    }
    const key = BEARER.exec(header)?.[1];
    const client = key ? await options.authenticator.verify(key) : undefined;
    if (!client) {
      options.failures.recordFailure(request.ip);
      throw unauthorized(key ? 'the API key is not valid or has been revoked' : 'the Authorization header must be "Bearer KEY"');
    }
    admit(request, reply, client, needed);
  });
}

function admit(request: FastifyRequest, reply: FastifyReply, client: ApiClient, needed: Role): void {
  request.client = client;
  // Every later log line of this request names the key (never the key itself); the reply
  // has its own reference, which writes "request completed".
  request.log = reply.log = request.log.child({ apiKey: client.id });
  if (!allows(client.role, needed)) {
    throw new HttpError(403, `this route needs the ${needed} role; key ${client.id} has ${client.role}`);
  }
}

/** The client of a session cookie, on a route that accepts one and only while its key is valid. */
async function sessionClient(request: FastifyRequest, options: AccessOptions): Promise<ApiClient | undefined> {
  if (!options.sessions || request.routeOptions.config?.cookieAuth !== true) return undefined;
  const token = cookieValue(request.headers.cookie, SESSION_COOKIE);
  if (!token) return undefined;
  const session = await options.sessions.find(token);
  return session && options.authenticator.current(session.id);
}
