import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { HttpError, PoliteHttp, rateLimitWaitMs, retryAfterMs, type PoliteHttpOptions } from './polite-http.ts';

type Reply = { status?: number; body?: string; headers?: Record<string, string>; delayMs?: number };

/** A fetch that answers from a script and records when each request started. */
function scriptedFetch(replies: Array<Reply | ((n: number) => Reply)>) {
  const calls: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const n = calls.push(Date.now());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const entry = replies[Math.min(n - 1, replies.length - 1)]!;
      const reply = typeof entry === 'function' ? entry(n) : entry;
      if (reply.delayMs) await sleep(reply.delayMs, undefined, { signal: init?.signal ?? undefined });
      return new Response(reply.body ?? '{"ok":true}', { status: reply.status ?? 200, headers: reply.headers });
    } finally {
      inFlight--;
    }
  }) as typeof globalThis.fetch;
  return { fetch, calls, maxInFlight: () => maxInFlight };
}

const options = (fetch: typeof globalThis.fetch, extra: Partial<PoliteHttpOptions> = {}): PoliteHttpOptions => ({
  concurrency: 2,
  requestsPerMinute: 60_000,
  attempts: 3,
  baseDelayMs: 5,
  maxDelayMs: 20,
  userAgent: 'rift-test',
  fetch,
  ...extra,
});

describe('rate-limit headers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-19T12:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sun, 19 Jan 2025 12:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  });

  it("reads Mastodon's x-ratelimit-* (ISO reset) and Bluesky's ratelimit-* (epoch seconds reset)", () => {
    const now = Date.parse('2026-08-01T13:59:00Z');
    expect(rateLimitWaitMs(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2026-08-01T14:00:00.070144Z' }), now)).toBe(60_070);
    expect(rateLimitWaitMs(new Headers({ 'ratelimit-remaining': '0', 'ratelimit-reset': String(now / 1000 + 30) }), now)).toBe(30_000);
    expect(rateLimitWaitMs(new Headers({ 'x-ratelimit-remaining': '299', 'x-ratelimit-reset': '2026-08-01T14:00:00Z' }), now)).toBeUndefined();
  });
});

describe('PoliteHttp', () => {
  it('sends the next request no sooner than a 429 Retry-After asks', async () => {
    const server = scriptedFetch([{ status: 429, headers: { 'retry-after': '1' } }, {}]);
    const http = new PoliteHttp(options(server.fetch));
    await expect(http.getJson('http://api.test/x')).resolves.toMatchObject({ body: { ok: true } });
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]! - server.calls[0]!).toBeGreaterThanOrEqual(1000);
  });

  it('fails a 4xx at once, without retrying, as not retryable', async () => {
    const server = scriptedFetch([{ status: 404, body: '{"error":"Record not found"}' }]);
    const http = new PoliteHttp(options(server.fetch));
    const error = await http.get('http://api.test/x').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 404, retryable: false });
    expect(server.calls).toHaveLength(1);
  });

  it('retries 5xx up to its attempts, then reports a retryable failure', async () => {
    const server = scriptedFetch([{ status: 502 }]);
    const http = new PoliteHttp(options(server.fetch));
    await expect(http.get('http://api.test/x')).rejects.toMatchObject({ status: 502, retryable: true });
    expect(server.calls).toHaveLength(3);
  });

  it('retries a JSON body that was cut off', async () => {
    const server = scriptedFetch([{ body: '{"posts":[{"uri":"at:' }, { body: '{"posts":[]}' }]);
    const http = new PoliteHttp(options(server.fetch));
    await expect(http.getJson('http://api.test/x')).resolves.toMatchObject({ body: { posts: [] } });
    expect(server.calls).toHaveLength(2);
  });

  it('pauses every request until the reset once the server says the budget is spent', async () => {
    const reset = () => new Date(Date.now() + 300).toISOString();
    const server = scriptedFetch([() => ({ headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset() } }), {}]);
    const http = new PoliteHttp(options(server.fetch));
    await http.get('http://api.test/a');
    await http.get('http://api.test/b');
    expect(server.calls[1]! - server.calls[0]!).toBeGreaterThanOrEqual(290);
  });

  it('spaces requests by its request budget', async () => {
    const server = scriptedFetch([{}]);
    const http = new PoliteHttp(options(server.fetch, { requestsPerMinute: 600 }));
    await Promise.all([1, 2, 3].map((n) => http.get(`http://api.test/${n}`)));
    expect(server.calls[2]! - server.calls[0]!).toBeGreaterThanOrEqual(195);
  });

  it('never has more requests in flight than its concurrency', async () => {
    const server = scriptedFetch([(n) => ({ delayMs: (n * 7) % 13 })]);
    const http = new PoliteHttp(options(server.fetch, { concurrency: 2 }));
    await Promise.all(Array.from({ length: 20 }, (_, n) => http.get(`http://api.test/${n}`)));
    expect(server.calls).toHaveLength(20);
    expect(server.maxInFlight()).toBe(2);
  });

  it('lets a request that is aborted while queued leave the queue at once', async () => {
    const server = scriptedFetch([{ delayMs: 300 }, {}]);
    const http = new PoliteHttp(options(server.fetch, { concurrency: 1 }));
    const first = http.get('http://api.test/slow');
    const abort = new AbortController();
    const queued = http.get('http://api.test/queued', abort.signal);
    const started = Date.now();
    abort.abort();
    await expect(queued).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(100);
    await first;
    await http.get('http://api.test/after');
    expect(server.calls).toHaveLength(2);
  });
});
