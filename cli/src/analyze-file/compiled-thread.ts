/**
 * The worker threads of `rift analyze` run plain JavaScript: analyze-thread.ts and the analysis it
 * imports, bundled by esbuild into one module under node_modules/.cache/rift/. Through tsx each
 * thread spent about a second of CPU before scoring (its own loader thread, every file resolved
 * and transformed again); from the bundle about 0.3 s, most of it building the analyzer. The
 * bundle is rebuilt (about 0.3 s, once) when any file it was built from changed size or time.
 * Packages stay outside the bundle, so node loads them from node_modules as it does otherwise.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

const SOURCE = fileURLToPath(new URL('./analyze-thread.ts', import.meta.url));
const CACHE_DIR = fileURLToPath(new URL('../../../node_modules/.cache/rift/', import.meta.url));
export const BUNDLE = path.join(CACHE_DIR, 'analyze-thread.mjs');
/** What the bundle was built from: each file with its size and modification time. */
export const INPUTS = path.join(CACHE_DIR, 'analyze-thread.inputs.json');
/** The tsx entry, when the cache cannot be written (a read-only install). */
const TSX_ENTRY = new URL('./analyze-thread-entry.mjs', import.meta.url);

export interface Input {
  file: string;
  size: number;
  mtimeMs: number;
}

function isCurrent(): boolean {
  if (!existsSync(BUNDLE) || !existsSync(INPUTS)) return false;
  const inputs = JSON.parse(readFileSync(INPUTS, 'utf8')) as Input[];
  return inputs.every((input) => {
    const stat = statSync(input.file, { throwIfNoEntry: false });
    return stat !== undefined && stat.size === input.size && stat.mtimeMs === input.mtimeMs;
  });
}

/**
 * Keeps @rift/* workspaces in the bundle and every other package outside, and gives each file its
 * own `import.meta.url`, so paths it resolves from its location (the models, the registry) stay right.
 */
const workspaceSources: Plugin = {
  name: 'rift-workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@rift/') ? undefined : { path: args.path, external: true }));
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents: text, loader: 'ts' };
    });
  },
};

async function rebuild(): Promise<void> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [SOURCE],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [workspaceSources],
  });
  const cwd = process.cwd();
  const inputs: Input[] = Object.keys(result.metafile.inputs).map((name) => {
    const file = path.resolve(cwd, name);
    const { size, mtimeMs } = statSync(file);
    return { file, size, mtimeMs };
  });
  mkdirSync(CACHE_DIR, { recursive: true });
  // Written beside and renamed, so a concurrent run never loads half a file.
  const suffix = `.${process.pid}.tmp`;
  writeFileSync(BUNDLE + suffix, result.outputFiles[0]!.contents);
  writeFileSync(INPUTS + suffix, JSON.stringify(inputs));
  renameSync(BUNDLE + suffix, BUNDLE);
  renameSync(INPUTS + suffix, INPUTS);
}

/** The module each worker thread runs: the bundle, built first if it is missing or stale. */
export async function threadEntry(): Promise<URL> {
  try {
    if (!isCurrent()) await rebuild();
    return pathToFileURL(BUNDLE);
  } catch {
    return TSX_ENTRY;
  }
}
