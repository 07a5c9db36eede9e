import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImportFile, ImportRefusedError } from './import-guard.ts';

describe('checkImportFile', () => {
  // root/allowed is the import folder; root/outside is not.
  let root: string;
  let allowed: string;
  let outside: string;
  const limits = () => ({ dir: allowed, maxBytes: 100 });

  beforeAll(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'rift-import-guard-')));
    allowed = path.join(root, 'allowed');
    outside = path.join(root, 'outside');
    mkdirSync(path.join(allowed, 'sub'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(allowed, 'sub', 'posts.jsonl'), '{"id":"1"}\n');
    writeFileSync(path.join(allowed, 'big.jsonl'), 'x'.repeat(101));
    writeFileSync(path.join(allowed, 'exact.jsonl'), 'x'.repeat(100));
    writeFileSync(path.join(outside, 'secret.jsonl'), '{"id":"s"}\n');
    symlinkSync(path.join(outside, 'secret.jsonl'), path.join(allowed, 'link.jsonl'));
    symlinkSync(outside, path.join(allowed, 'linked-dir'));
    symlinkSync(path.join(allowed, 'sub', 'posts.jsonl'), path.join(allowed, 'inner-link.jsonl'));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const refusal = async (file: string, maxBytes = 100) => {
    const err = await checkImportFile(file, { dir: allowed, maxBytes }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefusedError);
    return (err as Error).message;
  };

  it('accepts a file inside the folder, by absolute path and through a symlink that stays inside', async () => {
    const file = path.join(allowed, 'sub', 'posts.jsonl');
    await expect(checkImportFile(file, limits())).resolves.toEqual({ path: file, bytes: 11 });
    await expect(checkImportFile(path.join(allowed, 'inner-link.jsonl'), limits())).resolves.toEqual({ path: file, bytes: 11 });
    // `..` that comes back inside is fine; a file exactly at the limit is fine.
    await expect(checkImportFile(path.join(allowed, 'sub', '..', 'exact.jsonl'), limits())).resolves.toMatchObject({ bytes: 100 });
  });

  it('resolves a relative path against the working directory', async () => {
    const relative = path.relative(process.cwd(), path.join(allowed, 'sub', 'posts.jsonl'));
    await expect(checkImportFile(relative, limits())).resolves.toMatchObject({ bytes: 11 });
  });

  it('refuses a `..` escape', async () => {
    const file = `${allowed}/../outside/secret.jsonl`;
    expect(await refusal(file)).toBe(`${file} is outside the import folder ${allowed} (it resolves to ${path.join(outside, 'secret.jsonl')}); move it there or set RIFT_IMPORT_DIR`);
  });

  it('refuses a symlink leading out, to a file or through a folder', async () => {
    expect(await refusal(path.join(allowed, 'link.jsonl'))).toMatch(/is outside the import folder .*\(it resolves to .*outside\/secret\.jsonl\)/);
    expect(await refusal(path.join(allowed, 'linked-dir', 'secret.jsonl'))).toMatch(/is outside the import folder/);
  });

  it('refuses an absolute path elsewhere, and the folder itself', async () => {
    const file = path.join(outside, 'secret.jsonl');
    expect(await refusal(file)).toBe(`${file} is outside the import folder ${allowed}; move it there or set RIFT_IMPORT_DIR`);
    expect(await refusal('/etc/passwd')).toMatch(/^\/etc\/passwd is outside the import folder/);
    expect(await refusal(allowed)).toMatch(/is outside the import folder/);
  });

  it('refuses a file over the size limit, naming both sizes', async () => {
    const file = path.join(allowed, 'big.jsonl');
    expect(await refusal(file)).toBe(`${file} is 101 bytes, more than the 100 allowed (RIFT_IMPORT_MAX_BYTES); split it or raise the limit`);
  });

  it('refuses a folder inside the import folder', async () => {
    expect(await refusal(path.join(allowed, 'sub'))).toMatch(/is not a regular file$/);
  });

  it('refuses a missing file, and a missing import folder', async () => {
    const file = path.join(allowed, 'nope.jsonl');
    expect(await refusal(file)).toBe(`no such file: ${file}`);
    const err = await checkImportFile(file, { dir: path.join(root, 'gone'), maxBytes: 100 }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/import folder .*gone \(RIFT_IMPORT_DIR\) does not exist/);
  });
});
