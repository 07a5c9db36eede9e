import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,ingest,analyze,queries,alerts,api,infra,cli,dashboard}/src/**/*.test.ts', 'infra/{clickhouse,services}/**/*.test.ts', 'tests/**/*.test.ts'],
    // The cluster tests start a cluster of their own and run with `npm run test:cluster` (vitest.cluster.config.ts).
    exclude: [...configDefaults.exclude, 'tests/cluster/**'],
    globalSetup: ['testing/src/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: integration tests share one ClickHouse; more parallel files only contend.
    maxWorkers: 2,
  },
});
