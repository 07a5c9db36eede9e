import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

/** Finds an executable on PATH or in the sbin folders that a non-login PATH may miss. */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
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

function canUseApt(): { ok: true; sudo: boolean } | { ok: false; why: string } {
  if (!existsSync('/etc/debian_version') || !findExecutable('apt-get')) return { ok: false, why: 'this is not Debian or Ubuntu' };
  if (process.getuid?.() === 0) return { ok: true, sudo: false };
  if (findExecutable('sudo') && spawnSync('sudo', ['-n', 'true']).status === 0) return { ok: true, sudo: true };
  return { ok: false, why: 'this process is not root and has no passwordless sudo' };
}

function aptGet(args: string[], sudo: boolean): void {
  const command = sudo ? 'sudo' : 'apt-get';
  const fullArgs = sudo ? ['-n', 'apt-get', ...args] : args;
  execFileSync(command, fullArgs, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/**
 * Installs a Debian package when its binary is missing, or explains exactly what to do.
 * `apt-get update` runs only if the first install attempt cannot find the package.
 */
export function ensureDebianPackage(binary: string, debianPackage: string, log: (line: string) => void): string {
  const found = findExecutable(binary);
  if (found) return found;
  installDebianPackage(binary, debianPackage, log);
  const installed = findExecutable(binary);
  if (!installed) throw new MissingServiceError(`apt-get installed ${debianPackage} but ${binary} is still not on PATH`);
  return installed;
}

/** The same for a package whose program is a file off PATH (Debian's zookeeper puts its jars in /usr/share/java). */
export function ensureDebianPackageFile(file: string, debianPackage: string, log: (line: string) => void): string {
  if (existsSync(file)) return file;
  installDebianPackage(file, debianPackage, log);
  if (!existsSync(file)) throw new MissingServiceError(`apt-get installed ${debianPackage} but ${file} is still missing`);
  return file;
}

function installDebianPackage(what: string, debianPackage: string, log: (line: string) => void): void {
  const apt = canUseApt();
  if (!apt.ok) {
    throw new MissingServiceError(
      `${what} is not installed and cannot be installed automatically (${apt.why}).\n` +
        `Install it with: sudo apt-get install ${debianPackage}\n` +
        `or run the services with docker compose (infra/docker-compose.yml) and set REDIS_URL and CLICKHOUSE_URL.`,
    );
  }
  log(`${what} is missing: installing the Debian package ${debianPackage} with apt-get`);
  try {
    aptGet(['install', '-y', '--no-install-recommends', debianPackage], apt.sudo);
  } catch {
    aptGet(['update'], apt.sudo);
    aptGet(['install', '-y', '--no-install-recommends', debianPackage], apt.sudo);
  }
}
