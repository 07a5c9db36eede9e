import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalService } from './local-redis.ts';
import { spawnServer, waitFor } from './process-control.ts';
import { clickhouseAnswers } from './probes.ts';
import { ensureDebianPackage, findExecutable } from './system-packages.ts';

function serverConfig(dir: string, httpPort: number, tcpPort: number): string {
  return `<?xml version="1.0"?>
<!-- Written by Rift for its local ClickHouse; regenerated at each start. -->
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/error.log</errorlog><size>50M</size><count>2</count></logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>200</max_concurrent_queries>
</yandex>
`;
}

const USERS_CONFIG = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>8000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

/** Debian ships `clickhouse-server`; the upstream packages ship one `clickhouse` binary with a `server` mode. */
function serverCommand(configFile: string, log: (line: string) => void): { command: string; args: string[] } {
  const single = findExecutable('clickhouse');
  if (!findExecutable('clickhouse-server') && single) return { command: single, args: ['server', `--config-file=${configFile}`] };
  const command = ensureDebianPackage('clickhouse-server', 'clickhouse-server', log);
  return { command, args: [`--config-file=${configFile}`] };
}

/** A ClickHouse on loopback with its data under `dataDir`, reused when one already answers. */
export async function ensureLocalClickHouse(
  dataDir: string,
  httpPort: number,
  tcpPort: number,
  log: (line: string) => void,
): Promise<LocalService> {
  const url = `http://127.0.0.1:${httpPort}`;
  if (await clickhouseAnswers(url)) {
    log(`ClickHouse: reusing the server on port ${httpPort}`);
    return { url };
  }
  const dir = path.resolve(dataDir, 'clickhouse');
  for (const sub of ['data', 'tmp', 'log', 'user_files', 'format_schemas']) mkdirSync(path.join(dir, sub), { recursive: true });
  const configFile = path.join(dir, 'config.xml');
  writeFileSync(configFile, serverConfig(dir, httpPort, tcpPort));
  writeFileSync(path.join(dir, 'users.xml'), USERS_CONFIG);
  const { command, args } = serverCommand(configFile, log);
  log(`ClickHouse: starting ${command} on port ${httpPort} (data in ${dir})`);
  const logFile = path.join(dir, 'log', 'stdout.log');
  const process = spawnServer('clickhouse', command, args, logFile);
  await waitFor('ClickHouse', () => clickhouseAnswers(url), 60_000, path.join(dir, 'log', 'error.log'));
  return { url, process };
}
