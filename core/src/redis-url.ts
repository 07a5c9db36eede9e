/**
 * REDIS_URL in its two forms: `redis://host:port[/db]` (or `rediss://`) for one server, and
 * `redis+cluster://[user:password@]host1:port1,host2:port2,...` for a Redis Cluster, where the
 * hosts are seeds from which the client learns the whole cluster.
 */
export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'cluster'; nodes: Array<{ host: string; port: number }>; username?: string; password?: string };

export class RedisUrlError extends Error {
  override name = 'RedisUrlError';
}

export const CLUSTER_SCHEME = 'redis+cluster://';
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])$/;

export function parseRedisUrl(text: string): RedisTarget {
  if (!text.startsWith(CLUSTER_SCHEME)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new RedisUrlError(`not a URL: use redis://host:port, or ${CLUSTER_SCHEME}host1:port1,host2:port2 for a Redis Cluster`);
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
      throw new RedisUrlError(`scheme ${url.protocol} is not redis:, rediss: or redis+cluster:`);
    }
    return { kind: 'single', url: text };
  }
  const rest = text.slice(CLUSTER_SCHEME.length).replace(/\/$/, '');
  const at = rest.lastIndexOf('@');
  const credentials = at === -1 ? undefined : rest.slice(0, at);
  const hosts = at === -1 ? rest : rest.slice(at + 1);
  if (hosts.includes('/') || hosts.includes('?')) {
    throw new RedisUrlError(`${CLUSTER_SCHEME} takes no database number or options (a Redis Cluster has only database 0)`);
  }
  const nodes = hosts.split(',').map((node) => {
    const colon = node.lastIndexOf(':');
    const host = node.slice(0, colon);
    const port = Number(node.slice(colon + 1));
    if (colon <= 0 || !HOST.test(host) || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new RedisUrlError(`"${node}" is not host:port; write ${CLUSTER_SCHEME}host1:port1,host2:port2,...`);
    }
    return { host: host.replace(/^\[|\]$/g, ''), port };
  });
  if (credentials === undefined) return { kind: 'cluster', nodes };
  const colon = credentials.indexOf(':');
  const username = decodeURIComponent(colon === -1 ? '' : credentials.slice(0, colon));
  const password = decodeURIComponent(colon === -1 ? credentials : credentials.slice(colon + 1));
  return { kind: 'cluster', nodes, ...(username ? { username } : {}), password };
}

/** True when the prefix has a `{hash tag}`, so that all of a queue's keys share one cluster slot. */
export function hasHashTag(prefix: string): boolean {
  return /\{[^{}]+\}/.test(prefix);
}
