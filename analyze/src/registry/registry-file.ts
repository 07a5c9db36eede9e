/**
 * The built registry of US officials as the actor classifier reads it (analyze/registries/), its
 * shape, and how handles are compared. Building it from the YAML sources is
 * us-government-registry.ts, kept apart so that scoring never loads the YAML parser (about 0.3 s).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REGISTRY_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../registries/us-government.json');

export interface RegistryPerson {
  /** The official full name and the plain "first last" form that pages write. */
  names: string[];
  office: 'senator' | 'representative' | 'president' | 'vice president';
}

export interface UsGovernmentRegistry {
  built_from: string;
  /** The day that decided who is in office (YYYY-MM-DD). */
  as_of: string;
  /** Handles as the platforms write them, lower-cased, without "@". */
  handles: string[];
  /** Official website hosts (cantwell.senate.gov, agriculture.house.gov). */
  domains: string[];
  people: RegistryPerson[];
  counts: { members: number; committees: number; handles: number; domains: number; executives: number };
}

export function writeRegistry(registry: UsGovernmentRegistry, file = REGISTRY_FILE): void {
  writeFileSync(file, JSON.stringify(registry, null, 1) + '\n');
}

export function loadRegistry(file = REGISTRY_FILE): UsGovernmentRegistry | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as UsGovernmentRegistry;
}

/** "@RepAmata" and "RepAmata" are one account; a Mastodon address keeps its instance. */
export function normalizeHandle(handle: string): string {
  return handle.trim().toLowerCase().replace(/^@+/, '');
}
