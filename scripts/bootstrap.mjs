#!/usr/bin/env node
// First step of `npm start`, `npm test` and `npm run bench` on any machine, fresh or not.
// It uses only Node's built-ins because the dependencies may not be installed yet: it installs
// them when absent or stale, builds the dashboard when its sources changed, then hands over.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];
const passThrough = process.argv.slice(3);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 6)) {
  console.error(`Rift needs Node.js 20.6 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}

function run(command, args) {
  console.error(`[bootstrap] ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
}

/** The lockfile and every package.json decide what node_modules must hold. */
function dependencyFingerprint() {
  const hash = createHash('sha256');
  const { workspaces } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const file of ['package-lock.json', 'package.json', ...workspaces.map((d) => `${d}/package.json`)]) {
    const full = path.join(root, file);
    if (existsSync(full)) hash.update(file).update(readFileSync(full));
  }
  return hash.digest('hex');
}

function ensureDependencies() {
  const stamp = path.join(root, 'node_modules/.rift-install-stamp');
  const wanted = dependencyFingerprint();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // `npm install` follows the lockfile; `npm ci` would refuse it over other platforms' optional binaries.
  run(npm, ['install', '--no-audit', '--no-fund']);
  writeFileSync(stamp, wanted);
}

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

function ensureDashboardBuilt() {
  const dashboard = path.join(root, 'dashboard');
  const built = path.join(dashboard, 'dist/index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((f) => newestMtime(path.join(dashboard, f)));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) return;
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '-w', 'dashboard']);
}

/** Runs a command as a child that receives our signals, and exits with its code. */
function handOver(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

ensureDependencies();
ensureDashboardBuilt();
const bin = (name) => path.join(root, 'node_modules/.bin', name);
switch (mode) {
  case 'start':
    handOver(process.execPath, [path.join(root, 'bin/rift.mjs'), 'start', ...passThrough]);
    break;
  case 'test':
    run(bin('tsc'), ['-p', 'tsconfig.json']);
    run(bin('tsc'), ['-p', 'dashboard/tsconfig.json']);
    handOver(bin('vitest'), ['run', ...passThrough]);
    break;
  case 'bench':
    handOver(process.execPath, [path.join(root, 'bin/rift.mjs'), 'bench', ...passThrough]);
    break;
  default:
    console.error('usage: node scripts/bootstrap.mjs start|test|bench');
    process.exit(2);
}
