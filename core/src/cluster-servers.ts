import type { ClickHouse } from './clickhouse.ts';
import { sql } from './sql.ts';

/** How long the connected server waits for another to accept a connection before calling it down. */
const CONNECT_TIMEOUT_S = 2;

/**
 * The servers of the connection's cluster (every replica of every shard, as remote_servers lists
 * them) that are not ready for a statement that needs all of them, each with why: down (it does
 * not answer the connected server) or still fetching parts its shard wrote while it was away.
 * Empty on a single server. A statement ON CLUSTER waits for every server, and a rebuild that reads
 * a replica still catching up would count what it has not fetched yet, so callers ask this first.
 */
export async function serversNotReady(clickhouse: ClickHouse): Promise<string[]> {
  const cluster = clickhouse.cluster;
  if (!cluster) return [];
  const servers = await clickhouse.query<{ address: string }>(
    sql`SELECT concat(host_address, ':', toString(port)) AS address FROM system.clusters WHERE cluster = ${cluster} ORDER BY shard_num, replica_num`,
  );
  const { username, password, database } = clickhouse.options;
  const states = await Promise.all(
    servers.map(async ({ address }) => {
      try {
        const [row] = await clickhouse.query<{ fetching: string; delay: string }>(
          sql`SELECT toUInt64(sum(inserts_in_queue)) AS fetching, toUInt64(max(absolute_delay)) AS delay
              FROM remote(${address}, system.replicas, ${username}, ${password}) WHERE database = ${database}`,
          { connect_timeout: CONNECT_TIMEOUT_S },
        );
        const fetching = Number(row?.fetching ?? 0);
        return fetching > 0 || Number(row?.delay ?? 0) > 0 ? `${address} (catching up: ${fetching} parts to fetch)` : undefined;
      } catch {
        return `${address} (down)`;
      }
    }),
  );
  return states.filter((state): state is string => state !== undefined);
}
