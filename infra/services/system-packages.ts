import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

/** Finds an executable on PATH or in the sbin folders that a non-login PATH may miss. */
export function findExecutable(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  const dirs = [...searchPath.split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

export class MissingServiceError extends Error {
  override name = 'MissingServiceError';
}

/** What the machine allows; the real one is probed, tests pass their own. */
export interface InstallHost {
  find(binary: string): string | undefined;
  isDebian: boolean;
  isRoot: boolean;
  passwordlessSudo(): boolean;
}

export const thisMachine: InstallHost = {
  find: (binary) => findExecutable(binary),
  isDebian: existsSync('/etc/debian_version') && findExecutable('apt-get') !== undefined,
  isRoot: process.getuid?.() === 0,
  passwordlessSudo: () => findExecutable('sudo') !== undefined && spawnSync('sudo', ['-n', 'true']).status === 0,
};

export type InstallDecision =
  | { kind: 'present'; path: string }
  | { kind: 'install'; sudo: boolean }
  | { kind: 'explain'; message: string };

/** Whether a binary is there, can be installed with apt-get (as root or with sudo -n), or must be installed by hand. */
export function decideInstall(binary: string, debianPackage: string, host: InstallHost): InstallDecision {
  const found = host.find(binary);
  if (found) return { kind: 'present', path: found };
  if (host.isDebian && host.isRoot) return { kind: 'install', sudo: false };
  if (host.isDebian && host.passwordlessSudo()) return { kind: 'install', sudo: true };
  const why = host.isDebian ? 'this process is not root and has no passwordless sudo' : 'this is not Debian or Ubuntu';
  return {
    kind: 'explain',
    message: `${binary} is not installed and cannot be installed automatically (${why}).\nInstall it with: sudo apt-get install ${debianPackage}`,
  };
}

function aptGet(args: string[], sudo: boolean): void {
  const command = sudo ? 'sudo' : 'apt-get';
  const fullArgs = sudo ? ['-n', 'apt-get', ...args] : args;
  execFileSync(command, fullArgs, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const SERVICES_HINT = 'or run the services with docker compose (infra/docker-compose.yml) and set REDIS_URL and CLICKHOUSE_URL.';

/**
 * Installs a Debian package when its binary is missing, or explains exactly what to do.
 * `apt-get update` runs only if the first install attempt cannot find the package.
 */
export function ensureDebianPackage(binary: string, debianPackage: string, log: (line: string) => void, hint = SERVICES_HINT): string {
  const decision = decideInstall(binary, debianPackage, thisMachine);
  if (decision.kind === 'present') return decision.path;
  installDecided(binary, debianPackage, decision, log, hint);
  const installed = findExecutable(binary);
  if (!installed) throw new MissingServiceError(`apt-get installed ${debianPackage} but ${binary} is still not on PATH`);
  return installed;
}

/** The same for a package whose program is a file off PATH (Debian's zookeeper puts its jars in /usr/share/java). */
export function ensureDebianPackageFile(file: string, debianPackage: string, log: (line: string) => void, hint = SERVICES_HINT): string {
  const host: InstallHost = { ...thisMachine, find: (name) => (existsSync(name) ? name : undefined) };
  const decision = decideInstall(file, debianPackage, host);
  if (decision.kind === 'present') return decision.path;
  installDecided(file, debianPackage, decision, log, hint);
  if (!existsSync(file)) throw new MissingServiceError(`apt-get installed ${debianPackage} but ${file} is still missing`);
  return file;
}

function installDecided(
  what: string,
  debianPackage: string,
  decision: Exclude<InstallDecision, { kind: 'present' }>,
  log: (line: string) => void,
  hint: string,
): void {
  if (decision.kind === 'explain') throw new MissingServiceError(hint ? `${decision.message}\n${hint}` : decision.message);
  log(`${what} is missing: installing the Debian package ${debianPackage} with apt-get`);
  try {
    aptGet(['install', '-y', '--no-install-recommends', debianPackage], decision.sudo);
  } catch {
    aptGet(['update'], decision.sudo);
    aptGet(['install', '-y', '--no-install-recommends', debianPackage], decision.sudo);
  }
}
