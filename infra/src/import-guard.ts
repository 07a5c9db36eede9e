/**
 * What `rift import` may read: a regular file inside the allowed folder (RIFT_IMPORT_DIR) and no
 * larger than RIFT_IMPORT_MAX_BYTES. Both paths are resolved with realpath first, so neither `..`
 * nor a symlink can lead outside the folder. Checked before anything is read from the file.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface ImportLimits {
  /** The folder imports must come from. */
  dir: string;
  /** The largest file accepted, in bytes. */
  maxBytes: number;
}

/** A file `rift import` will not read; the message says why, for the person who ran it. */
export class ImportRefusedError extends Error {
  override name = 'ImportRefusedError';
}

export interface AllowedImport {
  /** The file's real path: read this one, not the name given, so what was checked is what is read. */
  path: string;
  bytes: number;
}

/** Resolves `file` (relative to the working directory) and checks it against the limits. */
export async function checkImportFile(file: string, limits: ImportLimits): Promise<AllowedImport> {
  let dir: string;
  try {
    dir = await realpath(path.resolve(limits.dir));
  } catch {
    throw new ImportRefusedError(`the import folder ${limits.dir} (RIFT_IMPORT_DIR) does not exist`);
  }
  let real: string;
  try {
    real = await realpath(path.resolve(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ImportRefusedError(code === 'ENOENT' ? `no such file: ${file}` : `cannot open ${file}: ${(err as Error).message}`);
  }
  if (!isInside(dir, real)) {
    const via = real === file ? '' : ` (it resolves to ${real})`;
    throw new ImportRefusedError(`${file} is outside the import folder ${dir}${via}; move it there or set RIFT_IMPORT_DIR`);
  }
  const info = await stat(real);
  if (!info.isFile()) throw new ImportRefusedError(`${file} is not a regular file`);
  if (info.size > limits.maxBytes) {
    throw new ImportRefusedError(
      `${file} is ${info.size} bytes, more than the ${limits.maxBytes} allowed (RIFT_IMPORT_MAX_BYTES); split it or raise the limit`,
    );
  }
  return { path: real, bytes: info.size };
}

/** True if `target` is strictly below `dir`; both must already be real, absolute paths. */
function isInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
