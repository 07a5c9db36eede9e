import type { Redis } from '@rift/core';
import { z } from 'zod';

/** What `rift sources` and `GET /api/sources` show for a source. */
export const SourceStateSchema = z.object({
  name: z.string(),
  cursor: z.string().nullable().default(null),
  last_run: z.string().nullable().default(null),
  last_success: z.string().nullable().default(null),
  next_run: z.string().nullable().default(null),
  posts_in: z.number().default(0),
  posts_out: z.number().default(0),
  errors: z.number().default(0),
  consecutive_failures: z.number().default(0),
  last_error: z.string().nullable().default(null),
  healthy: z.boolean().default(true),
});

export type SourceState = z.output<typeof SourceStateSchema>;

/** After this many failed runs in a row a source is unhealthy and retried less often. */
export const UNHEALTHY_AFTER = 3;

/** Per-source state in one Redis hash, field = source name, value = JSON. */
export class SourceStateStore {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}:sources`;
  }

  async get(name: string): Promise<SourceState> {
    const raw = await this.redis.hget(this.key, name);
    return SourceStateSchema.parse(raw ? JSON.parse(raw) : { name });
  }

  async all(): Promise<SourceState[]> {
    const entries = await this.redis.hgetall(this.key);
    return Object.values(entries)
      .map((raw) => SourceStateSchema.parse(JSON.parse(raw)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async update(name: string, change: (state: SourceState) => SourceState): Promise<SourceState> {
    const next = change(await this.get(name));
    await this.redis.hset(this.key, name, JSON.stringify(next));
    return next;
  }
}

/** What `rift sources` and `GET /api/sources` both show: the stored states, and the enabled sources that never ran. */
export interface SourcesOverview {
  sources: SourceState[];
  never_run: string[];
}

export async function sourcesOverview(store: SourceStateStore, enabled: readonly string[]): Promise<SourcesOverview> {
  const sources = await store.all();
  const seen = new Set(sources.map((s) => s.name));
  return { sources, never_run: enabled.filter((name) => !seen.has(name)) };
}
