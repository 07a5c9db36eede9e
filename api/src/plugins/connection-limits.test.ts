import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ApiKeyStore } from '../auth/key-store.ts';
import { createTestApp, type TestApp } from '@rift/testing/app';

// Real sockets over loopback against a listening server; every limit is small so that each
// test ends within seconds, and each wait is bounded by the test's own timeout.
let t: TestApp;
let port: number;
let adminKey: string;

beforeAll(async () => {
  t = await createTestApp({
    protection: { requestTimeoutMs: 1000, keepAliveTimeoutMs: 1000, idleTimeoutMs: 30_000, connectionsPerClient: 3 },
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as AddressInfo).port;
  adminKey = (await new ApiKeyStore(t.clickhouse).create('admin', 'slow client')).key;
});

afterAll(async () => {
  await t?.close();
});

interface Conn {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
}

async function open(): Promise<Conn> {
  const socket = connect({ host: '127.0.0.1', port });
  let data = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (data += chunk));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, received: () => data, closed };
}

describe('connection limits on a real listener', () => {
  it('cuts a body that arrives one byte at a time: 408 long before the body is complete', async () => {
    const conn = await open();
    const body = JSON.stringify({ name: 'x'.repeat(500) });
    conn.socket.write(
      `POST /api/validations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${adminKey}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    let sent = 0;
    const drip = setInterval(() => {
      if (!conn.socket.destroyed && sent < body.length) conn.socket.write(body[sent++]!);
    }, 100);
    await conn.closed;
    clearInterval(drip);
    expect(conn.received()).toMatch(/^HTTP\/1\.1 408/);
    // At one byte per 100 ms the whole body would take over 50 s; the 1 s deadline cut it early.
    expect(sent).toBeLessThan(60);
  }, 20_000);

  it('closes a keep-alive connection left idle after its answer', async () => {
    const conn = await open();
    conn.socket.write('GET /api/events HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await conn.closed;
    expect(conn.received()).toMatch(/^HTTP\/1\.1 200/);
    // The server announces its keep-alive limit, in whole seconds.
    expect(conn.received()).toMatch(/\r\nKeep-Alive: timeout=1\r\n/i);
  }, 20_000);

  it('closes a connection on which no request arrives, at the request deadline', async () => {
    const conn = await open();
    await conn.closed;
    expect(conn.socket.destroyed).toBe(true);
  }, 20_000);

  it('holds at most 3 open connections per address: the next ones get 503 and are closed', async () => {
    const kept = [await open(), await open(), await open()];
    const extra = [await open(), await open()];
    await Promise.all(extra.map((c) => c.closed));
    for (const c of extra) expect(c.received()).toMatch(/^HTTP\/1\.1 503[\s\S]*too many open connections from this address/);
    // The three held ones still answer.
    kept[0]!.socket.write('GET /api/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await kept[0]!.closed;
    expect(kept[0]!.received()).toMatch(/^HTTP\/1\.1 200/);
    // Once one has closed, a new connection is let in.
    const next = await open();
    next.socket.write('GET /api/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await next.closed;
    expect(next.received()).toMatch(/^HTTP\/1\.1 200/);
    for (const c of kept.slice(1)) c.socket.destroy();
  }, 20_000);
});
