import { defineConfig } from 'vitest/config';

/**
 * `npm run test:cluster`: Rift on a cluster started by the test itself (tests/cluster): ZooKeeper,
 * ClickHouse 2 shards x 2 replicas, a Redis Cluster of 3 masters with replicas, workers and the API
 * on hosts of their own. The single-node servers of the global setup are the reference it compares with.
 */
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    globalSetup: ['testing/src/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
