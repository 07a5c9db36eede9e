import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { spawnServer, waitFor, type ManagedProcess } from './process-control.ts';
import { redisAnswers } from './probes.ts';
import { ensureDebianPackage } from './system-packages.ts';

export interface LocalService {
  url: string;
  /** Set only when this call started the server; a reused server is left running. */
  process?: ManagedProcess;
}

/** A Redis on loopback with its data under `dataDir`, reused when one already answers. */
export async function ensureLocalRedis(dataDir: string, port: number, log: (line: string) => void): Promise<LocalService> {
  const url = `redis://127.0.0.1:${port}`;
  if (await redisAnswers(port)) {
    log(`Redis: reusing the server on port ${port}`);
    return { url };
  }
  const binary = ensureDebianPackage('redis-server', 'redis-server', log);
  const dir = path.join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, 'redis.log');
  // Append-only persistence with fsync every second: queued jobs survive a Redis restart.
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes',
    '--appendfsync', 'everysec', '--save', '', '--daemonize', 'no', '--maxmemory-policy', 'noeviction'];
  log(`Redis: starting ${binary} on port ${port} (data in ${dir})`);
  const process = spawnServer('redis', binary, args, logFile);
  await waitFor('Redis', () => redisAnswers(port), 20_000, logFile);
  return { url, process };
}
