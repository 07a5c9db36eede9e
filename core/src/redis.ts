import { Cluster, Redis as SingleRedis } from 'ioredis';
import { parseRedisUrl } from './redis-url.ts';

/** One Redis server or a Redis Cluster: BullMQ and Rift's own keys use either the same way. */
export type Redis = SingleRedis | Cluster;

/**
 * A Redis connection for BullMQ, from REDIS_URL: `maxRetriesPerRequest: null` lets commands wait
 * through a Redis restart, or a cluster failover, instead of failing, which workers need to keep
 * their jobs.
 */
export function createRedis(url: string): Redis {
  const target = parseRedisUrl(url);
  if (target.kind === 'single') return new SingleRedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
  return new Cluster(target.nodes, {
    enableReadyCheck: true,
    // Commands sent while a failover is under way are retried until the replica has taken over.
    retryDelayOnClusterDown: 200,
    retryDelayOnFailover: 200,
    retryDelayOnTryAgain: 200,
    redisOptions: { maxRetriesPerRequest: null, username: target.username, password: target.password },
  });
}

export function isCluster(redis: Redis): redis is Cluster {
  return redis instanceof Cluster;
}

/**
 * On a Redis Cluster, waits until every master that has a replica has passed this connection's
 * writes to one (WAIT), so that a master that dies right after acknowledging them cannot take them
 * along: the replica that takes over has them. A master whose replica is gone (right after a
 * failover, until the old master returns as its replica) cannot do better and is not waited for.
 * On one server it returns at once.
 */
export async function untilReplicated(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (!isCluster(redis)) return;
  await Promise.all(
    redis.nodes('master').map(async (node) => {
      const role = (await node.call('ROLE')) as [string, number, unknown[]];
      if (role[0] !== 'master' || role[2].length === 0) return;
      const replicas = await node.wait(1, timeoutMs);
      if (replicas < 1) throw new Error(`no replica of Redis master ${node.options.host}:${node.options.port} acknowledged within ${timeoutMs} ms`);
    }),
  );
}
