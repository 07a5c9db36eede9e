import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@rift/core';
import { buildSources, enabledSourceNames, loadSourcesConfig } from './registry.ts';

function configFile(json: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rift-config-')), 'rift.config.json');
  writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
  return file;
}

describe('the sources configuration', () => {
  it('enables every keyless source by default, and the shipped file says the same', () => {
    const defaults = enabledSourceNames(loadSourcesConfig('/no/such/file.json'));
    expect(defaults).toEqual(expect.arrayContaining(['bluesky-search', 'mastodon-mastodon.social', 'reddit', 'hackernews', 'federal-register']));
    expect(defaults.filter((n) => n.startsWith('rss-')).length).toBeGreaterThan(0);
    expect(enabledSourceNames(loadSourcesConfig(path.join(REPO_ROOT, 'rift.config.json')))).toEqual(defaults);
  });

  it('turns sources off and passes their settings on', () => {
    const config = loadSourcesConfig(
      configFile({
        demo: 'never',
        sources: {
          bluesky: { enabled: false },
          reddit: { enabled: false },
          hackernews: { enabled: false },
          federal_register: { enabled: false },
          rss: { feeds: [{ id: 'house-commerce', url: 'https://example.gov/feed.xml', actor: 'us_government', domain: 'example.gov' }] },
          mastodon: { instances: ['https://one.example', 'https://two.example'], interval_minutes: 3 },
        },
      }),
    );
    const built = buildSources(config);
    expect(built.map((c) => c.source.name)).toEqual(['mastodon-one.example', 'mastodon-two.example', 'rss-house-commerce']);
    expect(built[0]!.source.intervalMinutes).toBe(3);
    expect(built[2]!.probeUrl).toBe('https://example.gov/feed.xml');
    expect(config.demo).toBe('never');
  });

  it('refuses unknown keys and bad values with the path of each problem', () => {
    expect(() => loadSourcesConfig(configFile({ sources: { blusky: {} } }))).toThrow(/sources: Unrecognized key.*blusky/);
    expect(() => loadSourcesConfig(configFile({ sources: { mastodon: { instances: ['not a url'] } } }))).toThrow(/sources\.mastodon\.instances\.0/);
    expect(() => loadSourcesConfig(configFile('{ nope'))).toThrow(/cannot read/);
  });
});
