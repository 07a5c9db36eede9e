/**
 * The servers of the test cluster, each on its host: ZooKeeper (Debian's `zookeeper`, installed
 * with apt when missing), ClickHouse servers with replicated tables, and Redis in cluster mode.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { clickhouseAnswers, ensureDebianPackage, ensureDebianPackageFile, findExecutable, redisAnswers } from '@rift/infra';
import type { Host, HostProcess } from './hosts.ts';
import { waitUntil } from '@rift/testing/faults';

export const CLUSTER_NAME = 'rift_test';

/** One line of output per server started, so the test log says where everything runs. */
type Say = (line: string) => void;

export interface ZooKeeper {
  host: Host;
  port: number;
  process: HostProcess;
}

/** ZooKeeper 3.8 from Debian's package, standalone, admin server off, data in `dir`. */
export async function startZooKeeper(host: Host, port: number, dir: string, say: Say): Promise<ZooKeeper> {
  const jar = ensureDebianPackageFile('/usr/share/java/zookeeper.jar', 'zookeeper', say);
  const java = ensureDebianPackage('java', 'default-jre-headless', say);
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  const config = path.join(dir, 'zoo.cfg');
  writeFileSync(
    config,
    [
      `dataDir=${dir}/data`,
      `clientPort=${port}`,
      `clientPortAddress=${host.address}`,
      'tickTime=500',
      'initLimit=10',
      'syncLimit=5',
      'admin.enableServer=false',
      '4lw.commands.whitelist=ruok',
      'maxClientCnxns=0',
      '',
    ].join('\n'),
  );
  const args = ['-Xmx256m', '-Dzookeeper.log.dir=' + dir, '-Dzookeeper.root.logger=WARN,CONSOLE', '-cp', `/etc/zookeeper/conf:${jar}`,
    'org.apache.zookeeper.server.ZooKeeperServerMain', config];
  const process = host.spawn('zookeeper', java, args, path.join(dir, 'zookeeper.log'));
  await waitUntil(`ZooKeeper on ${host.address}:${port}`, () => answers(host.address, port, 'ruok', 'imok'), 60_000);
  say(`ZooKeeper ${host.name} ${host.address}:${port}`);
  return { host, port, process };
}

function answers(address: string, port: number, send: string, expect: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    let got = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write(send));
    socket.on('data', (data) => {
      got += data.toString();
      if (got.includes(expect)) done(true);
    });
    socket.once('end', () => done(got.includes(expect)));
  });
}

export interface ClickHouseNode {
  host: Host;
  shard: number;
  replica: string;
  httpPort: number;
  tcpPort: number;
  interserverPort: number;
  dir: string;
  url: string;
  process?: HostProcess;
}

/** The remote_servers, ZooKeeper and macros of one server: the same cluster on all, its own place in it. */
function clickhouseConfig(node: ClickHouseNode, nodes: readonly ClickHouseNode[], zk: ZooKeeper): string {
  const shards = [...new Set(nodes.map((n) => n.shard))].map(
    (shard) => `      <shard>
        <internal_replication>true</internal_replication>
${nodes.filter((n) => n.shard === shard).map((n) => `        <replica><host>${n.host.address}</host><port>${n.tcpPort}</port></replica>`).join('\n')}
      </shard>`,
  );
  const dir = node.dir;
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/error.log</errorlog><size>50M</size><count>2</count></logger>
  <http_port>${node.httpPort}</http_port>
  <tcp_port>${node.tcpPort}</tcp_port>
  <interserver_http_port>${node.interserverPort}</interserver_http_port>
  <interserver_http_host>${node.host.address}</interserver_http_host>
  <listen_host>${node.host.address}</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>67108864</mark_cache_size>
  <max_concurrent_queries>200</max_concurrent_queries>
  <remote_servers>
    <${CLUSTER_NAME}>
${shards.join('\n')}
    </${CLUSTER_NAME}>
  </remote_servers>
  <zookeeper><node><host>${zk.host.address}</host><port>${zk.port}</port></node></zookeeper>
  <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
  <macros><shard>${node.shard}</shard><replica>${node.replica}</replica></macros>
</yandex>
`;
}

// Settings Rift also sends with every query on a cluster (core/src/clickhouse.ts); here for clickhouse-client users.
const USERS_CONFIG = `<?xml version="1.0"?>
<yandex>
  <profiles><default>
    <max_memory_usage>2000000000</max_memory_usage>
    <insert_distributed_sync>1</insert_distributed_sync>
    <load_balancing>in_order</load_balancing>
    <prefer_localhost_replica>0</prefer_localhost_replica>
  </default></profiles>
  <users><default><password></password><networks><ip>::/0</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

export function clickhouseNode(host: Host, shard: number, replica: string, ports: { http: number; tcp: number; interserver: number }, dir: string): ClickHouseNode {
  return { host, shard, replica, httpPort: ports.http, tcpPort: ports.tcp, interserverPort: ports.interserver, dir, url: `http://${host.address}:${ports.http}` };
}

export async function startClickHouse(node: ClickHouseNode, nodes: readonly ClickHouseNode[], zk: ZooKeeper, say: Say): Promise<void> {
  for (const sub of ['data', 'tmp', 'log', 'user_files', 'format_schemas']) mkdirSync(path.join(node.dir, sub), { recursive: true });
  const configFile = path.join(node.dir, 'config.xml');
  writeFileSync(configFile, clickhouseConfig(node, nodes, zk));
  writeFileSync(path.join(node.dir, 'users.xml'), USERS_CONFIG);
  const single = findExecutable('clickhouse');
  const [command, args] = !findExecutable('clickhouse-server') && single
    ? [single, ['server', `--config-file=${configFile}`]]
    : [ensureDebianPackage('clickhouse-server', 'clickhouse-server', say), [`--config-file=${configFile}`]];
  node.process = node.host.spawn(`clickhouse ${node.replica}`, command, args, path.join(node.dir, 'log', 'stdout.log'));
  await waitUntil(`ClickHouse ${node.replica} at ${node.url}`, () => clickhouseAnswers(node.url), 60_000);
  say(`ClickHouse ${node.replica} (shard ${node.shard}) ${node.host.address}: http ${node.httpPort}, tcp ${node.tcpPort}, interserver ${node.interserverPort}`);
}

export async function stopClickHouse(node: ClickHouseNode): Promise<void> {
  await node.process?.stop();
  node.process = undefined;
}

export interface RedisNode {
  host: Host;
  port: number;
  dir: string;
  process?: HostProcess;
}

export async function startRedisNode(node: RedisNode, say: Say): Promise<void> {
  const binary = ensureDebianPackage('redis-server', 'redis-server', say);
  mkdirSync(node.dir, { recursive: true });
  // A short node timeout, so that a dead master's replica takes over within seconds.
  const args = ['--port', String(node.port), '--bind', node.host.address, '--protected-mode', 'no', '--dir', node.dir,
    '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000',
    '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--daemonize', 'no', '--maxmemory-policy', 'noeviction'];
  node.process = node.host.spawn(`redis ${node.port}`, binary, args, path.join(node.dir, 'redis.log'));
  await waitUntil(`Redis ${node.host.address}:${node.port}`, () => redisAnswers(node.port, node.host.address), 20_000);
}

/** Joins the nodes into a Redis Cluster: the first third of them masters, one replica each for the rest. */
export async function createRedisCluster(nodes: readonly RedisNode[], say: Say): Promise<void> {
  const cli = ensureDebianPackage('redis-cli', 'redis-tools', say);
  const replicas = nodes.length / 3 - 1;
  execFileSync(cli, ['--cluster', 'create', ...nodes.map((n) => `${n.host.address}:${n.port}`), '--cluster-replicas', String(replicas), '--cluster-yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitUntil('every Redis node to report cluster_state:ok', () => nodes.every((n) => redisCli(n, ['cluster', 'info']).includes('cluster_state:ok')), 30_000, 250);
  for (const line of redisCli(nodes[0]!, ['cluster', 'nodes']).trim().split('\n').sort()) {
    const [, address, flags] = line.split(' ');
    say(`Redis ${flags!.includes('master') ? 'master ' : 'replica'} ${address!.split('@')[0]}`);
  }
}

export function redisCli(node: RedisNode, args: string[]): string {
  const cli = findExecutable('redis-cli') ?? 'redis-cli';
  return execFileSync(cli, ['-h', node.host.address, '-p', String(node.port), ...args], { encoding: 'utf8' });
}

/** The node that is master for a key's slot now. */
export function masterOf(nodes: readonly RedisNode[], key: string): RedisNode {
  const live = nodes.find((n) => n.process?.alive());
  if (!live) throw new Error('no Redis node is running');
  const slot = Number(redisCli(live, ['cluster', 'keyslot', key]).trim());
  for (const line of redisCli(live, ['cluster', 'nodes']).trim().split('\n')) {
    const parts = line.split(' ');
    if (!parts[2]!.includes('master') || parts[2]!.includes('fail')) continue;
    const owns = parts.slice(8).some((range) => {
      const [from, to = from] = range.split('-').map(Number);
      return slot >= from! && slot <= to!;
    });
    if (owns) {
      const [address, port] = parts[1]!.split('@')[0]!.split(':');
      const node = nodes.find((n) => n.host.address === address && n.port === Number(port));
      if (node) return node;
    }
  }
  throw new Error(`no master owns slot ${slot} of ${key}`);
}
