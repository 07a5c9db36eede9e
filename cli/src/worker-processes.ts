import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { type Logger, REPO_ROOT } from '@rift/core';

/** One analyze worker per core by default: analysis is synchronous, so a process uses one core. */
export function defaultWorkerCount(): number {
  return os.availableParallelism();
}

/**
 * `rift worker` child processes that share the posts queue with the parent. They read the same
 * environment (configuration, queue prefix); stopping them is SIGTERM, which hands their
 * unfinished batches back to the queue.
 */
export class WorkerProcesses {
  private readonly children: ChildProcess[] = [];

  constructor(
    count: number,
    private readonly log: Logger,
  ) {
    for (let i = 0; i < count; i++) {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/rift.mjs'), 'worker', '--role', 'analyze'], {
        cwd: REPO_ROOT,
        env: process.env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.on('exit', (code, signal) => {
        if (!this.stopping) log.error({ pid: child.pid, code, signal }, 'an analyze worker process exited; its batches go back to the queue');
      });
      this.children.push(child);
    }
  }

  private stopping = false;

  get count(): number {
    return this.children.length;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const running = this.children.filter((c) => c.exitCode === null && c.signalCode === null);
    for (const child of running) child.kill('SIGTERM');
    await Promise.all(running.map((c) => once(c, 'exit')));
    this.log.info({ workers: running.length }, 'analyze worker processes stopped');
  }
}
