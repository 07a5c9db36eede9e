import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImportFile, ImportRefusedError } from './import-guard.ts';

describe('checkImportFile', () => {
  // Files live in a temporary folder, far from the working directory: any readable path is fine.
  let root: string;
  const limits = { maxBytes: 100 };

  beforeAll(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'rift-import-guard-')));
    mkdirSync(path.join(root, 'sub'));
    writeFileSync(path.join(root, 'sub', 'posts.jsonl'), '{"id":"1"}\n');
    writeFileSync(path.join(root, 'big.jsonl'), 'x'.repeat(101));
    writeFileSync(path.join(root, 'exact.jsonl'), 'x'.repeat(100));
    symlinkSync(path.join(root, 'sub', 'posts.jsonl'), path.join(root, 'link.jsonl'));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const refusal = async (file: string) => {
    const err = await checkImportFile(file, limits).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefusedError);
    return (err as Error).message;
  };

  it('accepts a file outside the working directory, by absolute path, through `..` and through a symlink', async () => {
    const file = path.join(root, 'sub', 'posts.jsonl');
    expect(path.relative(process.cwd(), file).startsWith('..')).toBe(true);
    await expect(checkImportFile(file, limits)).resolves.toEqual({ path: file, bytes: 11 });
    await expect(checkImportFile(path.join(root, 'link.jsonl'), limits)).resolves.toEqual({ path: file, bytes: 11 });
    await expect(checkImportFile(`${root}/sub/../exact.jsonl`, limits)).resolves.toMatchObject({ bytes: 100 });
  });

  it('resolves a relative path against the working directory', async () => {
    const relative = path.relative(process.cwd(), path.join(root, 'sub', 'posts.jsonl'));
    await expect(checkImportFile(relative, limits)).resolves.toMatchObject({ bytes: 11 });
  });

  it('refuses a file over the size limit, naming both sizes', async () => {
    const file = path.join(root, 'big.jsonl');
    expect(await refusal(file)).toBe(`${file} is 101 bytes, more than the 100 allowed (RIFT_IMPORT_MAX_BYTES); split it or raise the limit`);
  });

  it('refuses a folder', async () => {
    expect(await refusal(path.join(root, 'sub'))).toMatch(/is not a regular file$/);
  });

  it('refuses a missing file', async () => {
    const file = path.join(root, 'nope.jsonl');
    expect(await refusal(file)).toBe(`no such file: ${file}`);
  });
});
