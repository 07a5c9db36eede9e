/**
 * What `rift import` checks before it reads a file: that it is a regular file (after symlinks)
 * and no larger than RIFT_IMPORT_MAX_BYTES. Any path its user can read is allowed: the person at
 * the command line names the file. No route takes a file name over the network, so no folder
 * guard is needed; one would belong there.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface ImportLimits {
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
  let real: string;
  try {
    real = await realpath(path.resolve(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ImportRefusedError(code === 'ENOENT' ? `no such file: ${file}` : `cannot open ${file}: ${(err as Error).message}`);
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
