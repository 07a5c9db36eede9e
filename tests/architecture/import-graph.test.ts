import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { importRules } = createRequire(import.meta.url)(path.join(root, 'scripts/import-rules.cjs')) as {
  importRules: (root: string) => unknown[];
};

function describeViolation(v: IViolation): string {
  const via = v.cycle ? ` (cycle: ${v.cycle.map((step) => step.name).join(' -> ')})` : '';
  return `${v.rule.name}: ${v.from} -> ${v.to}${via}`;
}

async function violations(files: string[], options: object, tsConfigFile?: string): Promise<string[]> {
  const tsConfig = tsConfigFile ? extractTSConfig(tsConfigFile) : undefined;
  const result = await cruise(files, { ...options, validate: true }, {}, { tsConfig });
  return (result.output as ICruiseResult).summary.violations.map(describeViolation);
}

describe('the import graph', () => {
  it('has no cycles, no imports of another room\'s internals and no cli/ below cli', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const { workspaces } = JSON.parse(readFileSync('package.json', 'utf8')) as { workspaces: string[] };
      const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
      expect(await violations([...workspaces, 'tests', 'bin', 'scripts'], options, './tsconfig.json')).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  }, 120_000);

  // The same rules over a tiny repository that breaks each of them once, so the check above can fail.
  describe('on a repository that breaks the rules', () => {
    const fixture = mkdtempSync(path.join(tmpdir(), 'rift-imports-'));
    afterAll(() => rmSync(fixture, { recursive: true, force: true }));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
      writeFileSync(path.join(fixture, file), text);
    };

    it('reports the cycle, the reach into internals, cli/ imported from below and the harness in source', async () => {
      write('package.json', JSON.stringify({ workspaces: ['low', 'high', 'cli', 'testing'] }));
      for (const ws of ['low', 'high', 'cli', 'testing']) {
        write(`${ws}/package.json`, JSON.stringify({ name: `@x/${ws}`, exports: { '.': './index.ts' } }));
      }
      write('low/index.ts', "export { helper } from './helper.ts';\n");
      write('low/helper.ts', "import { door } from './index.ts';\nexport const helper = door;\n");
      write('low/door.ts', "import { main } from '../cli/index.ts';\nexport const door = main;\n");
      write('high/index.ts', "import { helper } from '../low/helper.ts';\nimport { fake } from '../testing/index.ts';\nexport const high = [helper, fake];\n");
      write('cli/index.ts', 'export const main = 1;\n');
      write('testing/index.ts', 'export const fake = 1;\n');
      const options = { doNotFollow: { path: 'node_modules' }, ruleSet: { forbidden: importRules(fixture) }, baseDir: fixture };
      const found = await violations(['low', 'high', 'cli', 'testing'], options);
      expect(found).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^no-circular: low\/(index|helper)\.ts/),
          'no-internals-of-low: high/index.ts -> low/helper.ts',
          'no-cli-from-lower-rooms: low/door.ts -> cli/index.ts',
          'testing-only-in-tests: high/index.ts -> testing/index.ts',
        ]),
      );
      expect(found).not.toContain('no-internals-of-testing: high/index.ts -> testing/index.ts');
    }, 60_000);
  });
});
