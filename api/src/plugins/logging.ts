import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * Request ids and log redaction. Every log line of a request carries `reqId`; a caller's
 * `x-request-id` is kept when it is a plain token (so one id follows a request through a
 * proxy), anything else is replaced, since it would be written into every log line.
 */

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Paths never written to a log: keys and credentials, wherever a logger meets them. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
];

export function genReqId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}

interface ChildLogger {
  child(bindings: object, options?: { redact?: string[] }): unknown;
}

const isLogger = (value: unknown): value is ChildLogger =>
  typeof value === 'object' && value !== null && typeof (value as { child?: unknown }).child === 'function';

/** The logger option of AppDeps with redaction added: a child of a ready logger, or pino options. */
export function redactedLogger(logger: boolean | object | undefined): boolean | object {
  if (isLogger(logger)) return logger.child({}, { redact: REDACT_PATHS }) as object;
  if (logger === true) return { redact: REDACT_PATHS };
  if (logger && typeof logger === 'object') return { ...logger, redact: REDACT_PATHS };
  return false;
}

/** Sends the request id back, so a client can quote it when reporting a problem. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
}
