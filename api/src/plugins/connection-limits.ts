import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyServerOptions } from 'fastify';

export interface ConnectionLimits {
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  idleTimeoutMs: number;
  connectionsPerClient: number;
}

/**
 * Fastify's server options for the timeouts. Node checks the request and header deadlines on an
 * interval (30 s by default), so the interval follows the deadline: a slow body is cut within a
 * quarter of the limit past it, not half a minute later. Headers get the same deadline as the
 * whole request at most (Node refuses a header deadline past the request's).
 */
export function timeoutOptions(
  limits: ConnectionLimits,
): Pick<FastifyServerOptions, 'requestTimeout' | 'keepAliveTimeout' | 'connectionTimeout'> & { http: ServerOptions } {
  const checkEvery = Math.min(1000, Math.max(50, Math.floor(limits.requestTimeoutMs / 4)));
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    http: { headersTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: checkEvery },
  };
}

const TOO_MANY = JSON.stringify({ error: 'Service Unavailable', message: 'too many open connections from this address' });

/**
 * At most `perClient` open connections per IP address: one more is answered 503 and closed at
 * once, before any request on it is read, so that one client cannot hold every socket.
 */
export function limitConnectionsPerClient(server: Server, perClient: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = open.get(address) ?? 0;
    if (count >= perClient) {
      socket.end(`HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(TOO_MANY)}\r\nConnection: close\r\n\r\n${TOO_MANY}`);
      socket.destroySoon();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
