// The schema's migration files: numbered SQL files under migrations/, each with an up and a
// down part. Read by the migrator and by the cluster schema, which rewrites them for a cluster.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  up: string[];
  down: string[];
}

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Splits a migration file into its `-- migrate:up` and `-- migrate:down` statements. */
export function parseMigration(fileName: string, text: string): Migration {
  const match = FILE_NAME.exec(fileName);
  if (!match) throw new Error(`migration file name must look like 001_name.sql: ${fileName}`);
  const [, upPart, downPart] = text.split(/^-- migrate:(?:up|down)\s*$/m);
  if (upPart === undefined || downPart === undefined) throw new Error(`${fileName}: needs "-- migrate:up" then "-- migrate:down"`);
  const statements = (part: string) =>
    part
      .split(/;\s*$/m)
      .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
      .filter(Boolean);
  return {
    version: Number(match[1]),
    name: match[2]!,
    checksum: createHash('sha256').update(text).digest('hex').slice(0, 16),
    up: statements(upPart),
    down: statements(downPart),
  };
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => parseMigration(f, readFileSync(path.join(dir, f), 'utf8')));
}
