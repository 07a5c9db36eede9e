import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino, type Logger } from 'pino';
import { ApiKeyStore } from '../auth/key-store.ts';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { redactedLogger } from './logging.ts';

const lines: Array<Record<string, unknown>> = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ logger: pino({ level: 'info' }, sink) });
});

afterAll(async () => {
  await t?.close();
});

describe('structured logs', () => {
  it('carry the request id on every line of a request, and the key id, never the key', async () => {
    const { key, info } = await new ApiKeyStore(t.clickhouse).create('viewer', 'logged');
    lines.length = 0;
    await t.app.inject({ url: '/api/events', headers: { 'x-request-id': 'req-abc', authorization: `Bearer ${key}` } });
    const mine = lines.filter((l) => l.reqId === 'req-abc');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(mine[1]).toMatchObject({ apiKey: info.id, res: { statusCode: 200 } });
    expect(JSON.stringify(lines)).not.toContain(key.slice(18));
  });

  it('redact credentials wherever a logger meets them', () => {
    const out: string[] = [];
    const base = pino({}, new Writable({ write: (c: Buffer, _e, done) => (out.push(c.toString()), done()) }));
    const log = redactedLogger(base) as Logger;
    log.info({ req: { headers: { authorization: 'Bearer rift_secret', cookie: 'session=1' } }, headers: { authorization: 'Bearer other' } }, 'x');
    expect(out.join('')).not.toMatch(/rift_secret|session=1|Bearer other/);
    expect(out.join('')).toContain('[Redacted]');
  });
});
