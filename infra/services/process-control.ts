import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A server process that Rift started and must stop. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a server in its own process group with output to a log file. Detached so that Ctrl-C
 * in the terminal reaches Rift first and Rift decides the order of shutdown.
 */
export function spawnServer(name: string, command: string, args: string[], logFile: string): ManagedProcess {
  const out = openSync(logFile, 'a');
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', out, out], detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  child.unref();
  const pid = child.pid;
  return { name, pid, stop: () => stopProcess(pid) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM, then SIGKILL if the process has not gone after the grace period. The grace is long
 * because ClickHouse 18.16 under load can take more than 15 s to stop, and a SIGKILL during an
 * INSERT can leave a row in posts_v1 without its share of the rollups.
 */
export async function stopProcess(pid: number, graceMs = 60_000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Polls `probe` until it answers true or the timeout passes. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s; see ${logFile}`);
}
