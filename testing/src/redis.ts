import { randomBytes } from 'node:crypto';

export function testRedisUrl(): string {
  const url = process.env.RIFT_TEST_REDIS_URL;
  if (!url) throw new Error('RIFT_TEST_REDIS_URL is not set: run tests through vitest so that the global setup starts Redis');
  return url;
}

/** A queue prefix of its own per test, so tests sharing one Redis never see each other's jobs. */
export function testQueuePrefix(): string {
  return `rift-test-${randomBytes(5).toString('hex')}`;
}
