import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@rift/testing/app';

let plain: TestApp;
let withCors: TestApp;

beforeAll(async () => {
  plain = await createTestApp();
  withCors = await createTestApp({ protection: { corsOrigins: ['https://dashboard.example.org'] } });
});

afterAll(async () => {
  await plain?.close();
  await withCors?.close();
});

describe('security headers', () => {
  it('are set on answers and on refusals', async () => {
    const ok = await plain.app.inject({ url: '/api/events' });
    const refused = await plain.app.inject({ method: 'POST', url: '/api/events' });
    expect(refused.statusCode).toBe(401);
    for (const res of [ok, refused]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['x-powered-by']).toBeUndefined();
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  it('let /embed/ views be framed by other sites, and nothing else', async () => {
    const embed = await plain.app.inject({ url: '/embed/divide?granularity=week' });
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const csp = String(embed.headers['content-security-policy']);
    expect(csp).toContain('frame-ancestors *');
    expect(csp).toContain("script-src 'self'");
    const page = await plain.app.inject({ url: '/explore' });
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});

describe('CORS', () => {
  it('is absent by default: no Access-Control headers, preflights are not answered', async () => {
    const res = await plain.app.inject({ url: '/api/events', headers: { origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const preflight = await plain.app.inject({
      method: 'OPTIONS',
      url: '/api/events',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows only the configured origins when set', async () => {
    const allowed = await withCors.app.inject({ url: '/api/events', headers: { origin: 'https://dashboard.example.org' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dashboard.example.org');
    const preflight = await withCors.app.inject({
      method: 'OPTIONS',
      url: '/api/trends',
      headers: { origin: 'https://dashboard.example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/Authorization/);
    const other = await withCors.app.inject({ url: '/api/events', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('request ids', () => {
  it('keep a plain x-request-id, replace an unsafe one, and send the id back', async () => {
    const kept = await plain.app.inject({ url: '/api/events', headers: { 'x-request-id': 'trace-42.a_b:c' } });
    expect(kept.headers['x-request-id']).toBe('trace-42.a_b:c');
    for (const unsafe of ['a b', 'x'.repeat(200), 'id\u0000nul', '"quoted"']) {
      const res = await plain.app.inject({ url: '/api/events', headers: { 'x-request-id': unsafe } });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    const fresh = await plain.app.inject({ url: '/api/events' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
