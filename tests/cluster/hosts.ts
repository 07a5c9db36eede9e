/**
 * The "machines" of the cluster tests. As root, each host is a network namespace of its own
 * (`ip netns` with a veth pair onto one bridge), with its own address, so a worker or a server
 * reaches the others over a network interface as it would between machines, and killing a host
 * means killing every process in its namespace. Without root, hosts are names for groups of
 * processes on 127.0.0.1, told apart by their ports only.
 */
import { execFileSync, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureDebianPackage, findExecutable, thisMachine } from '@rift/infra';

export type HostMode = 'netns' | 'ports';

export interface HostProcess {
  readonly name: string;
  readonly pid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after the grace, and wait for the exit. */
  stop(graceMs?: number): Promise<void>;
}

export class Host {
  private readonly processes = new Set<HostProcess>();

  constructor(
    readonly name: string,
    readonly address: string,
    private readonly namespace: string | undefined,
  ) {}

  /** Runs a program on this host, its output appended to `logFile`. */
  spawn(name: string, command: string, args: string[], logFile: string, env: NodeJS.ProcessEnv = process.env): HostProcess {
    const out = openSync(logFile, 'a');
    // `ip netns exec` execs the program in place, so the child's pid is the program's own.
    const [file, fileArgs] = this.namespace ? ['ip', ['netns', 'exec', this.namespace, command, ...args]] : [command, args];
    const child = spawn(file, fileArgs, { stdio: ['ignore', out, out], env, detached: true });
    if (child.pid === undefined) throw new Error(`could not start ${name} on ${this.name}`);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const alive = () => child.exitCode === null && child.signalCode === null;
    const handle: HostProcess = {
      name,
      pid: child.pid,
      exited,
      alive,
      kill: (signal) => {
        if (alive()) child.kill(signal);
      },
      stop: async (graceMs = 60_000) => {
        if (!alive()) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      },
    };
    this.processes.add(handle);
    void exited.then(() => this.processes.delete(handle));
    return handle;
  }

  /** The host dies: SIGKILL to every process on it at once, as a power cut would. */
  async kill(): Promise<void> {
    const all = [...this.processes];
    for (const p of all) p.kill('SIGKILL');
    await Promise.all(all.map((p) => p.exited));
  }
}

/** The hosts of one test run, on addresses 10.71.<subnet>.x (namespaces) or 127.0.0.1 (ports). */
export class Hosts {
  readonly all: Host[] = [];

  private constructor(
    readonly mode: HostMode,
    private readonly tag: string,
    private readonly subnet: number,
  ) {}

  /**
   * Namespaces when this process may create them (root on Linux; Debian's iproute2 is installed
   * with apt when `ip` is missing), otherwise separate ports.
   */
  static create(tag: string, subnet: number, say: (line: string) => void): Hosts {
    const root = process.getuid?.() === 0 && process.platform === 'linux';
    if (root && !findExecutable('ip') && thisMachine.isDebian) ensureDebianPackage('ip', 'iproute2', say);
    const canUseNamespaces = root && runs('ip', ['netns', 'list']);
    const hosts = new Hosts(canUseNamespaces ? 'netns' : 'ports', tag, subnet);
    if (hosts.mode === 'netns') hosts.createBridge();
    return hosts;
  }

  get description(): string {
    return this.mode === 'netns'
      ? `each host is a network namespace with its own address on 10.71.${this.subnet}.0/24 (ip netns, veth pairs, one bridge)`
      : 'hosts are process groups on 127.0.0.1 with separate ports (not root, so no network namespaces)';
  }

  private get bridge(): string {
    return `${this.tag}br`;
  }

  private createBridge(): void {
    this.removeLeftovers();
    ip(['link', 'add', this.bridge, 'type', 'bridge']);
    ip(['addr', 'add', `10.71.${this.subnet}.1/24`, 'dev', this.bridge]);
    ip(['link', 'set', this.bridge, 'up']);
  }

  /** Namespaces and the bridge of an earlier run of the same tag that did not get to clean up. */
  private removeLeftovers(): void {
    const listed = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    for (const line of listed.split('\n')) {
      const name = line.split(' ')[0];
      if (name?.startsWith(`${this.tag}-`)) this.deleteNamespace(name);
    }
    if (runs('ip', ['link', 'show', this.bridge])) ip(['link', 'del', this.bridge]);
  }

  private deleteNamespace(name: string): void {
    const pids = execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    ip(['netns', 'del', name]);
  }

  add(name: string): Host {
    const index = this.all.length + 10;
    if (this.mode === 'ports') {
      const host = new Host(name, '127.0.0.1', undefined);
      this.all.push(host);
      return host;
    }
    const namespace = `${this.tag}-${name}`;
    const address = `10.71.${this.subnet}.${index}`;
    const veth = `${this.tag}v${index}`;
    ip(['netns', 'add', namespace]);
    ip(['link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', namespace]);
    ip(['link', 'set', veth, 'master', this.bridge, 'up']);
    ip(['netns', 'exec', namespace, 'ip', 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
    ip(['netns', 'exec', namespace, 'ip', 'link', 'set', 'eth0', 'up']);
    ip(['netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up']);
    const host = new Host(name, address, namespace);
    this.all.push(host);
    return host;
  }

  /** The end of a run: nothing on the hosts needs to finish gracefully any more. */
  async destroy(): Promise<void> {
    await Promise.all(this.all.map((host) => host.kill()));
    if (this.mode !== 'netns') return;
    // Give the kernel a moment to release the sockets of processes that just exited.
    await sleep(100);
    this.removeLeftovers();
  }
}

function ip(args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function runs(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
