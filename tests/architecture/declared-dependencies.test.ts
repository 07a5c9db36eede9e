import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Each workspace's package.json names what its code imports: shipped code from `dependencies`,
// tests and fixtures also from `devDependencies` or the root's (vitest, fast-check, playwright-core).
// The import graph test checks which files may be reached; this one that the manifests say so.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Manifest;

interface Manifest {
  name: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)[^'";]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const isTestOnly = (file: string) => /\.(test|fixture)\.tsx?$/.test(file);

/** The package an import specifier names (`@scope/name/sub` is `@scope/name`), or null for files and built-ins. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'dist'].includes(entry.name) ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

describe('declared dependencies', () => {
  const rootManifest = readJson('package.json');
  const rootDev = new Set(Object.keys(rootManifest.devDependencies ?? {}));

  it('finds the packages an import names', () => {
    expect(['@rift/core', 'zod/v4', '@clickhouse/client/dist/x', './a.ts', 'node:fs', 'fs'].map(packageOf)).toEqual([
      '@rift/core',
      'zod',
      '@clickhouse/client',
      null,
      null,
      null,
    ]);
  });

  for (const workspace of rootManifest.workspaces ?? []) {
    it(`${workspace}/package.json declares every package ${workspace}/ imports`, () => {
      const manifest = readJson(`${workspace}/package.json`);
      const shipped = new Set(Object.keys(manifest.dependencies ?? {}));
      const dev = new Set([...shipped, ...Object.keys(manifest.devDependencies ?? {}), ...rootDev]);
      const undeclared: string[] = [];
      for (const file of sourceFiles(workspace)) {
        const text = readFileSync(path.join(root, file), 'utf8');
        for (const match of text.matchAll(IMPORT)) {
          const name = packageOf(match[1] ?? match[2]!);
          if (!name || name === manifest.name) continue;
          const allowed = isTestOnly(file) || file.startsWith(`${workspace}/scripts/`) || /vite\.config\.ts$/.test(file) ? dev : shipped;
          if (!allowed.has(name)) undeclared.push(`${file}: ${name}`);
        }
      }
      expect(undeclared).toEqual([]);
    });
  }
});
