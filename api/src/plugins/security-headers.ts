import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';

/**
 * The dashboard is a Vite build served from this origin: its scripts and styles are files under
 * /assets, so both need only 'self' (React and the charts set styles through the DOM, which CSP
 * allows; the browser test renders the dashboard under this policy). `upgrade-insecure-requests`
 * is left out on purpose: Rift serves plain HTTP on localhost, where upgrading would break loads.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Read-only chart views meant to be put in an iframe on other sites (a newsroom's article). */
const EMBED_PATH = /^\/embed\//;

/** Security headers on every answer, errors and 404s included (helmet's hook runs first). */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Not includeSubDomains: Rift does not own the other hosts of the domain it is served on.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
  });
  // Embeds may be framed by any site; every other page keeps frame-ancestors 'none'.
  app.addHook('onSend', async (request, reply) => {
    if (!EMBED_PATH.test(request.url)) return;
    reply.removeHeader('x-frame-options');
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string') reply.header('content-security-policy', csp.replace("frame-ancestors 'none'", 'frame-ancestors *'));
  });
}

/**
 * Cross-origin browser access only for the origins configured (RIFT_CORS_ORIGINS); with none,
 * no CORS plugin is loaded and browsers keep other sites' pages from reading the API.
 */
export async function installCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  await app.register(cors, {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['Retry-After', 'X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
    maxAge: 600,
  });
}
