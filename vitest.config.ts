import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,ingest,analyze,api,infra,dashboard}/src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['infra/src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: integration tests share one ClickHouse; more parallel files only contend.
    maxWorkers: 2,
  },
});
