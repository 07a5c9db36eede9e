import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAnalyzedBatch } from '@rift/core';
import { ensureDebianPackage } from '@rift/infra';
import { createTestApp, type TestApp } from '@rift/testing/app';

// Prometheus's own checker, from Debian's prometheus package; installed here when missing, as
// the test services install redis-server and clickhouse-server.
let promtool: string;
let t: TestApp;

beforeAll(async () => {
  promtool = ensureDebianPackage('promtool', 'prometheus', (line) => console.log(`[promtool] ${line}`));
  t = await createTestApp();
}, 600_000);

afterAll(async () => {
  await t?.close();
});

describe('GET /metrics under promtool check metrics', () => {
  it('passes with no warning, every metric family included', async () => {
    // Traffic of every kind first, so that histograms and labelled series have samples.
    await t.app.inject({ url: '/api/summary' });
    await t.app.inject({ url: '/api/no-such-thing' });
    countAnalyzedBatch({ inserted: 2, replaced: 1, unchanged: 1, deadLettered: 1 });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('# TYPE rift_nodejs_active_handles gauge');
    expect(res.body).not.toMatch(/^# TYPE \S+_total gauge$/m);
    const check = spawnSync(promtool, ['check', 'metrics'], { input: res.body, encoding: 'utf8' });
    expect({ status: check.status, stdout: check.stdout.trim(), stderr: check.stderr.trim() }).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
