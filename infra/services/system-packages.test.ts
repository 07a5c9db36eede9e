import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureChromium } from '@rift/testing/chromium';
import { decideInstall, findExecutable, type InstallHost } from './system-packages.ts';

/** A PATH holding only an empty folder: chromium, redis-server and the rest are not on it. */
const emptyPath = mkdtempSync(path.join(tmpdir(), 'rift-empty-path-'));
const host = (over: Partial<InstallHost>): InstallHost => ({
  find: (binary) => findExecutable(binary, emptyPath),
  isDebian: true,
  isRoot: false,
  passwordlessSudo: () => false,
  ...over,
});

describe('decideInstall (what npm test does about a missing system package)', () => {
  it('finds nothing on a PATH without chromium', () => {
    expect(findExecutable('chromium', emptyPath)).toBeUndefined();
  });

  it('installs with apt-get directly as root', () => {
    expect(decideInstall('chromium', 'chromium', host({ isRoot: true }))).toEqual({ kind: 'install', sudo: false });
  });

  it('installs through sudo -n when sudo needs no password', () => {
    expect(decideInstall('chromium', 'chromium', host({ passwordlessSudo: () => true }))).toEqual({ kind: 'install', sudo: true });
  });

  it('says exactly what to install when it may not install', () => {
    expect(decideInstall('chromium', 'chromium', host({}))).toEqual({
      kind: 'explain',
      message: 'chromium is not installed and cannot be installed automatically (this process is not root and has no passwordless sudo).\nInstall it with: sudo apt-get install chromium',
    });
    const notDebian = decideInstall('redis-server', 'redis-server', host({ isDebian: false, isRoot: true }));
    expect(notDebian).toMatchObject({ kind: 'explain' });
    expect((notDebian as { message: string }).message).toContain('(this is not Debian or Ubuntu)');
  });

  it('uses a binary already on PATH without asking for anything', () => {
    const sudo = () => {
      throw new Error('sudo must not be probed when the binary is present');
    };
    expect(decideInstall('node', 'nodejs', { find: (b) => findExecutable(b), isDebian: true, isRoot: false, passwordlessSudo: sudo })).toEqual({
      kind: 'present',
      path: findExecutable('node'),
    });
  });

  it('ensureChromium keeps a configured RIFT_CHROMIUM and otherwise finds this machine\'s chromium', () => {
    expect(ensureChromium('/opt/chrome/chrome', () => {})).toBe('/opt/chrome/chrome');
    expect(ensureChromium(undefined, () => {})).toBe(findExecutable('chromium'));
  });
});

describe('.ci/run', () => {
  it('installs nothing itself: npm test does, as on a fresh machine', async () => {
    const { readFileSync } = await import('node:fs');
    const script = readFileSync(path.join(import.meta.dirname, '../../.ci/run'), 'utf8');
    expect(script).not.toMatch(/apt-get|apt install|playwright install|npm (ci|install)/);
    expect(script).toMatch(/^npm test$/m);
  });
});
