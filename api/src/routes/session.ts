import { HttpError } from '@rift/core';
import type { FastifyInstance } from 'fastify';
import type { KeyAuthenticator } from '../auth/key-cache.ts';
import { cookieValue, SESSION_COOKIE, SESSION_TTL_SECONDS, sessionCookie, type SessionStore } from '../auth/sessions.ts';
import { errorBodySchema } from '../errors.ts';

/**
 * Sign-in for a browser: the key once, a session cookie after. The cookie is accepted only by the
 * routes that declare `cookieAuth` (Zeeschuimer's upload and its status); everything else still
 * needs "Authorization: Bearer KEY".
 */
export function sessionRoutes(app: FastifyInstance, authenticator: KeyAuthenticator, sessions: SessionStore): void {
  const signedIn = {
    type: 'object',
    required: ['id', 'name', 'role', 'expires_in'],
    properties: { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, expires_in: { type: 'integer', description: 'Seconds' } },
  } as const;

  app.post<{ Body: { key: string } }>(
    '/api/session',
    {
      config: { signIn: true },
      schema: {
        summary: 'Sign this browser in with an API key',
        description: 'Sets an HttpOnly session cookie for the key, which the Zeeschuimer upload routes (/api/import-dataset/, /api/check-query/) accept in place of a bearer key.',
        body: { type: 'object', required: ['key'], additionalProperties: false, properties: { key: { type: 'string', minLength: 1, maxLength: 200 } } },
        response: { 200: signedIn, 401: errorBodySchema },
      },
    },
    async (request, reply) => {
      const client = await authenticator.verify(request.body.key);
      if (!client) throw new HttpError(401, 'the API key is not valid or has been revoked');
      const token = await sessions.create(client);
      reply.header('set-cookie', sessionCookie(token));
      return { id: client.id, name: client.name, role: client.role, expires_in: SESSION_TTL_SECONDS };
    },
  );

  app.delete(
    '/api/session',
    { config: { signIn: true }, schema: { summary: 'Sign this browser out', description: 'Ends the session of the cookie sent, if any.', response: { 204: { type: 'null' } } } },
    async (request, reply) => {
      const token = cookieValue(request.headers.cookie, SESSION_COOKIE);
      if (token) await sessions.end(token);
      reply.header('set-cookie', sessionCookie('', 0));
      return reply.code(204).send();
    },
  );
}
