import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ACTOR_CLASSES } from '@rift/core';
import type { PoliteHttpOptions } from '../http/polite-http.ts';
import { BLUESKY_JETSTREAM_DEFAULTS, createBlueskyJetstreamSource } from './bluesky-jetstream.ts';
import { BLUESKY_SEARCH_DEFAULTS, BLUESKY_SEARCH_HTTP, createBlueskySearchSource } from './bluesky-search.ts';
import { DEFAULT_FEEDS } from './default-feeds.ts';
import { createFederalRegisterSource, FEDERAL_REGISTER_HTTP } from './federal-register.ts';
import { createHackerNewsSource, HACKERNEWS_HTTP } from './hackernews.ts';
import { createMastodonSource, MASTODON_DEFAULTS, MASTODON_HTTP } from './mastodon.ts';
import { createRedditSource, REDDIT_HTTP } from './reddit.ts';
import { createRssSources, RSS_HTTP } from './rss.ts';
import type { Source } from './source.ts';

const interval = z.number().positive().optional();
const terms = z.array(z.string().min(1)).min(1).optional();

/** `rift.config.json`: which sources run and what they ask for. Everything is optional. */
export const SourcesConfigSchema = z
  .object({
    /** auto: load the synthetic demo corpus only when no live source can be reached. */
    demo: z.enum(['auto', 'always', 'never']).default('auto'),
    user_agent: z.string().min(1).default('rift/0.1 (open-source research on public sentiment; TikTok ban topic pack)'),
    sources: z
      .object({
        bluesky: z.object({ enabled: z.boolean().default(true), service_url: z.string().url().optional(), queries: terms, interval_minutes: interval }).strict().default({ enabled: true }),
        bluesky_jetstream: z.object({ enabled: z.boolean().default(false), endpoint: z.string().url().optional(), interval_minutes: interval }).strict().default({ enabled: false }),
        mastodon: z.object({ enabled: z.boolean().default(true), instances: z.array(z.string().url()).min(1).optional(), tags: terms, interval_minutes: interval }).strict().default({ enabled: true }),
        reddit: z.object({ enabled: z.boolean().default(true), queries: terms, subreddits: z.array(z.string()).optional(), interval_minutes: interval }).strict().default({ enabled: true }),
        hackernews: z.object({ enabled: z.boolean().default(true), queries: terms, interval_minutes: interval }).strict().default({ enabled: true }),
        federal_register: z.object({ enabled: z.boolean().default(true), term: z.string().optional(), interval_minutes: interval }).strict().default({ enabled: true }),
        rss: z
          .object({
            enabled: z.boolean().default(true),
            feeds: z
              .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), url: z.string().url(), actor: z.enum(ACTOR_CLASSES), domain: z.string().min(1), title: z.string().optional() }).strict())
              .optional(),
            interval_minutes: interval,
          })
          .strict()
          .default({ enabled: true }),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type SourcesConfig = z.output<typeof SourcesConfigSchema>;

/** Reads the configuration file; a missing file means the documented defaults. */
export function loadSourcesConfig(file: string): SourcesConfig {
  let json: unknown = {};
  if (existsSync(file)) {
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`cannot read ${file}: ${(err as Error).message}`);
    }
  }
  const parsed = SourcesConfigSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration in ${file}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Options without the keys left unset, so a connector's own defaults apply to them. */
function given<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** A source with the HTTP manners it keeps. */
export interface ConfiguredSource {
  source: Source;
  http: PoliteHttpOptions;
  /** An address of the service, to tell whether this machine can reach it at all. */
  probeUrl: string;
}

/** The enabled sources of a configuration, each with its request budget. */
export function buildSources(config: SourcesConfig): ConfiguredSource[] {
  const s = config.sources;
  const userAgent = config.user_agent;
  const out: ConfiguredSource[] = [];
  const every = (minutes: number | undefined, fallback: number) => minutes ?? fallback;
  if (s.bluesky.enabled) {
    out.push({
      source: createBlueskySearchSource({
        ...BLUESKY_SEARCH_DEFAULTS,
        serviceUrl: s.bluesky.service_url ?? BLUESKY_SEARCH_DEFAULTS.serviceUrl,
        queries: s.bluesky.queries ?? BLUESKY_SEARCH_DEFAULTS.queries,
        intervalMinutes: every(s.bluesky.interval_minutes, BLUESKY_SEARCH_DEFAULTS.intervalMinutes),
      }),
      http: { ...BLUESKY_SEARCH_HTTP, userAgent },
      probeUrl: s.bluesky.service_url ?? BLUESKY_SEARCH_DEFAULTS.serviceUrl,
    });
  }
  if (s.bluesky_jetstream.enabled) {
    out.push({
      source: createBlueskyJetstreamSource({
        ...given({ endpoint: s.bluesky_jetstream.endpoint }),
        intervalMinutes: every(s.bluesky_jetstream.interval_minutes, BLUESKY_JETSTREAM_DEFAULTS.intervalMinutes),
      }),
      // Jetstream is a websocket; this budget only covers any HTTP the source makes.
      http: { ...BLUESKY_SEARCH_HTTP, userAgent },
      probeUrl: (s.bluesky_jetstream.endpoint ?? BLUESKY_JETSTREAM_DEFAULTS.endpoint).replace(/^ws/, 'http'),
    });
  }
  if (s.mastodon.enabled) {
    for (const instance of s.mastodon.instances ?? MASTODON_DEFAULTS.instances) {
      out.push({
        source: createMastodonSource({
          ...MASTODON_DEFAULTS,
          instance,
          tags: s.mastodon.tags ?? MASTODON_DEFAULTS.tags,
          intervalMinutes: every(s.mastodon.interval_minutes, MASTODON_DEFAULTS.intervalMinutes),
        }),
        http: { ...MASTODON_HTTP, userAgent },
        probeUrl: instance,
      });
    }
  }
  if (s.reddit.enabled) {
    out.push({
      source: createRedditSource(given({ queries: s.reddit.queries, subreddits: s.reddit.subreddits, intervalMinutes: s.reddit.interval_minutes })),
      http: { ...REDDIT_HTTP, userAgent },
      probeUrl: 'https://www.reddit.com',
    });
  }
  if (s.hackernews.enabled) {
    out.push({
      source: createHackerNewsSource(given({ queries: s.hackernews.queries, intervalMinutes: s.hackernews.interval_minutes })),
      http: { ...HACKERNEWS_HTTP, userAgent },
      probeUrl: 'https://hn.algolia.com',
    });
  }
  if (s.federal_register.enabled) {
    out.push({
      source: createFederalRegisterSource(given({ term: s.federal_register.term, intervalMinutes: s.federal_register.interval_minutes })),
      http: { ...FEDERAL_REGISTER_HTTP, userAgent },
      probeUrl: 'https://www.federalregister.gov',
    });
  }
  if (s.rss.enabled) {
    const feeds = s.rss.feeds ?? DEFAULT_FEEDS;
    createRssSources(feeds, given({ intervalMinutes: s.rss.interval_minutes })).forEach((source, i) => {
      out.push({ source, http: { ...RSS_HTTP, userAgent }, probeUrl: feeds[i]!.url });
    });
  }
  return out;
}

export function enabledSourceNames(config: SourcesConfig): string[] {
  return buildSources(config).map((c) => c.source.name);
}
