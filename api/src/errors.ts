import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, SqlValueError, StoreError } from '@rift/core';

/** Every error body of the API. */
export const errorBodySchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;

interface AjvError {
  instancePath?: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns schema errors into a sentence a person can act on ("metric must be one of: ..."). */
function describeValidation(errors: readonly AjvError[], context: string | undefined): string {
  return errors
    .map((e) => {
      const field = e.instancePath ? e.instancePath.replace(/^\//, '').replaceAll('/', '.') : (context ?? 'request');
      if (e.keyword === 'enum') return `${field} must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`;
      if (e.keyword === 'additionalProperties') return `unknown parameter ${JSON.stringify(e.params.additionalProperty)}`;
      if (e.keyword === 'required') return `missing parameter ${JSON.stringify(e.params.missingProperty)}`;
      return `${field} ${e.message ?? 'is invalid'}`;
    })
    .join('; ');
}

function send(reply: FastifyReply, status: number, message: string): void {
  void reply.status(status).send({ error: STATUS_CODES[status] ?? 'Error', message });
}

/**
 * Maps every failure to `{ error, message }`: bad input is the client's (400), an unreachable
 * or overloaded ClickHouse is temporary (503), anything else is ours (500, details only in the
 * log so that SQL and internals do not leak).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err.validation) {
      send(reply, 400, describeValidation(err.validation as AjvError[], err.validationContext));
      return;
    }
    if (err instanceof HttpError) {
      void reply.headers(err.headers);
      send(reply, err.statusCode, err.message);
      return;
    }
    // A value the escaping layer refuses (a date past 2106, say) is a bad parameter.
    if (err instanceof SqlValueError) {
      send(reply, 400, err.message);
      return;
    }
    if (err instanceof StoreError) {
      request.log.error({ err }, 'ClickHouse query failed');
      if (err.retryable) send(reply, 503, 'ClickHouse is unavailable or overloaded; try again shortly');
      else send(reply, 500, 'The query failed; the server log has the details');
      return;
    }
    // Fastify's own client errors (unsupported media type, bad JSON, too large) keep their status.
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      send(reply, status, err.message);
      return;
    }
    request.log.error({ err }, 'request failed');
    send(reply, 500, 'Internal error; the server log has the details');
  });
}
