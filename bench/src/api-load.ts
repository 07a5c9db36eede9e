/**
 * API: requests/s and latency of /api/trends (a week by hour, the dashboard's default view)
 * under 50 concurrent clients on loopback, with autocannon in a child process so that the load
 * generator does not share the server's event loop; with the closed-window trend cache on,
 * beside the same with it off, and beside /api/events (no database: the HTTP stack's ceiling).
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { trendCacheSettings } from '@rift/queries';
import { REPO_ROOT } from '@rift/core';
import { buildBenchApp } from './app.ts';
import type { BenchContext } from './context.ts';
import { median, type Figure } from './figures.ts';
import { ensureLoadedPosts, loadSize } from './load-posts.ts';

const run = promisify(execFile);
const AUTOCANNON = path.join(REPO_ROOT, 'node_modules/autocannon/autocannon.js');

interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

async function cannon(url: string, seconds: number): Promise<CannonResult> {
  const { stdout } = await run(process.execPath, [AUTOCANNON, '-c', '50', '-d', String(seconds), '-j', url], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as CannonResult;
}

export async function benchApiLoad(ctx: BenchContext): Promise<Figure[]> {
  await ensureLoadedPosts(ctx, loadSize(ctx.quick));
  const { app, close } = await buildBenchApp(ctx.services);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const trends = `${base}/api/trends?from=2025-01-13&to=2025-01-20&granularity=hour`;
  const events = `${base}/api/events`;
  const rounds = 3;
  const seconds = ctx.quick ? 2 : 8;
  const on: CannonResult[] = [];
  const off: CannonResult[] = [];
  const e: CannonResult[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      trendCacheSettings.enabled = false;
      off.push(await cannon(trends, seconds));
      trendCacheSettings.enabled = true;
      on.push(await cannon(trends, seconds));
      e.push(await cannon(events, seconds));
    }
  } finally {
    trendCacheSettings.enabled = true;
    await close();
  }
  const failed = [...on, ...off].reduce((s, x) => s + x.non2xx + x.errors, 0);
  if (failed > 0) throw new Error(`api: ${failed} failed /api/trends requests under load`);
  const runs = `median of ${rounds} runs of ${seconds} s, 50 connections, a week by hour`;
  const m = (xs: CannonResult[], f: (x: CannonResult) => number) => median(xs.map(f));
  const rps = (x: CannonResult) => x.requests.average;
  const p50 = (x: CannonResult) => x.latency.p50;
  const p99 = (x: CannonResult) => x.latency.p99;
  const peerOff = 'same, trend cache off';
  return [
    { name: 'api.trends.cache_on.req_per_s', value: m(on, rps), unit: 'req/s', peer: peerOff, peer_value: m(off, rps), runs },
    { name: 'api.trends.cache_on.latency_p50', value: m(on, p50), unit: 'ms', peer: peerOff, peer_value: m(off, p50), runs },
    { name: 'api.trends.cache_on.latency_p99', value: m(on, p99), unit: 'ms', peer: peerOff, peer_value: m(off, p99), runs },
    { name: 'api.trends.cache_off.req_per_s', value: m(off, rps), unit: 'req/s', peer: '/api/events (no database)', peer_value: m(e, rps), runs },
    { name: 'api.trends.cache_off.latency_p99', value: m(off, p99), unit: 'ms', peer: '/api/events (no database)', peer_value: m(e, p99), runs },
  ];
}
