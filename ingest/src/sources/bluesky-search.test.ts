import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetters, POSTS_TABLE, sql } from '@rift/core';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { SourceStateStore } from '../source-state.ts';
import { runConnector, storedPosts } from '@rift/testing/run-connector';
import { createBlueskySearchSource, type BlueskySearchOptions } from './bluesky-search.ts';
import { postView, startBlueskySearchFixture, type BlueskySearchFixture, type FixtureAuthor } from './bluesky-search.fixture.ts';
import type { BackfillWindow } from './source.ts';

const NOW = Date.now();
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

const AUTHORS: FixtureAuthor[] = [
  { did: 'did:plc:senatecommerce', handle: 'commerce.senate.gov', displayName: 'Senate Commerce', description: 'Official account of the Senate Commerce Committee' },
  { did: 'did:plc:annteacher', handle: 'ann.bsky.social', displayName: 'Ann', description: 'Teacher. Trying RedNote.' },
  { did: 'did:plc:weiwei', handle: 'weiwei.example.com', displayName: '伟伟', description: '上海' },
];

/** 40 searchable posts, one a minute from 45 minutes ago, plus 2 items missing fields. */
function dataset(): Array<Record<string, unknown>> {
  const views = Array.from({ length: 40 }, (_, i) =>
    postView({
      author: AUTHORS[i % AUTHORS.length]!,
      rkey: `3lfpost${String(i).padStart(3, '0')}`,
      text: i % 3 === 2 ? `TikTok ban 第${i}天，大家都去小红书了` : `The TikTok ban vote #${i}: what happens to creators?`,
      createdAt: minutesAgo(45 - i),
      langs: i % 3 === 2 ? ['zh'] : ['en'],
    }),
  );
  const noDate = postView({ author: AUTHORS[1]!, rkey: '3lfbroken1', text: 'tiktok ban, no date', createdAt: minutesAgo(20) });
  delete (noDate.record as Record<string, unknown>).createdAt;
  const noAuthor = postView({ author: AUTHORS[1]!, rkey: '3lfbroken2', text: 'tiktok ban, no author', createdAt: minutesAgo(21) });
  delete noAuthor.author;
  return [...views, noDate, noAuthor];
}

let pipeline: TestPipeline;
let fixture: BlueskySearchFixture;
beforeAll(async () => {
  pipeline = await startTestPipeline();
});
afterAll(() => pipeline.close());
afterEach(() => fixture?.close());

async function run(name: string, extra: Partial<BlueskySearchOptions> = {}, window?: BackfillWindow) {
  const source = createBlueskySearchSource({ name, serviceUrl: fixture.baseUrl, queries: ['tiktok ban'], intervalMinutes: 5, pageLimit: 20, pageSize: 10, ...extra });
  return runConnector(pipeline, source, { window, http: { concurrency: 2, attempts: 2 } });
}

const stored = (source: string) => storedPosts(pipeline, source);

describe('Bluesky search source through the real pipeline', () => {
  it('stores every page once, dead-letters items missing fields and keeps profiles for the actor classifier', async () => {
    fixture = await startBlueskySearchFixture({ posts: dataset(), profiles: AUTHORS });
    const { outcome, state } = await run('bsky-full');
    expect(outcome).toMatchObject({ pages: 5, postsIn: 40, postsOut: 40 });
    expect(outcome.error).toBeUndefined();
    expect(await stored('bsky-full')).toBe(40);
    const letters = (await new DeadLetters(pipeline.redis, pipeline.prefix).list(0, 100)).filter((l) => l.source === 'bsky-full');
    expect(letters.map((l) => l.reason).sort()).toEqual([
      'Bluesky post view is missing author.handle, author.did',
      'Bluesky post view is missing record.createdAt',
    ]);
    expect(JSON.parse(state.cursor!)).toEqual({ 'tiktok ban': { mark: minutesAgo(6) } });
    const searches = fixture.searches();
    expect(searches.map((r) => r.params.get('sort'))).toEqual(Array(5).fill('latest'));

    const rows = await pipeline.db.clickhouse.query<{ url: string; author_verified_domain: string; author_description: string; actor: string; lang: string }>(
      sql`SELECT url, author_verified_domain, author_description, toString(actor) AS actor, lang FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL
          WHERE source = 'bsky-full' AND id = 'at://did:plc:senatecommerce/app.bsky.feed.post/3lfpost000'`,
    );
    expect(rows[0]).toMatchObject({
      url: 'https://bsky.app/profile/commerce.senate.gov/post/3lfpost000',
      author_verified_domain: 'commerce.senate.gov',
      author_description: 'Official account of the Senate Commerce Committee',
      actor: 'us_government',
    });
  });

  it('polls again from the mark and adds only what is new', async () => {
    fixture = await startBlueskySearchFixture({ posts: dataset(), profiles: AUTHORS });
    const first = await run('bsky-incremental');
    const mark = JSON.parse(first.state.cursor!)['tiktok ban'].mark as string;
    fixture.posts.push(
      ...[3, 2, 1].map((m) => postView({ author: AUTHORS[1]!, rkey: `3lfnew${m}`, text: `New TikTok ban post ${m}`, createdAt: minutesAgo(m) })),
    );
    const before = fixture.searches().length;
    const second = await run('bsky-incremental');
    expect(fixture.searches()[before]!.params.get('since')).toBe(mark);
    // `since` is inclusive: the newest old post comes back once and is dropped as a duplicate.
    expect(second.producer.stats).toMatchObject({ accepted: 3, duplicates: 1 });
    expect(await stored('bsky-incremental')).toBe(43);
    expect(JSON.parse(second.state.cursor!)['tiktok ban'].mark).toBe(minutesAgo(1));
  });

  it('resumes a walk that crashed after page 2 with no gap and no duplicate, and a replay adds nothing', async () => {
    fixture = await startBlueskySearchFixture({ posts: dataset(), profiles: AUTHORS });
    fixture.plan = (n) => (n >= 3 ? { status: 500 } : undefined);
    const crashed = await run('bsky-crash');
    expect(crashed.outcome.error).toMatch(/HTTP 500/);
    // Pages 1 and 2 held the posts of minutes 6 to 23 ago (18) and the two broken items.
    expect(await stored('bsky-crash')).toBe(18);
    const saved = JSON.parse(crashed.state.cursor!)['tiktok ban'];
    expect(saved.walk).toEqual({ top: minutesAgo(6), until: new Date(Date.parse(minutesAgo(23)) + 1).toISOString() });

    fixture.plan = () => undefined;
    const before = fixture.searches().length;
    const resumed = await run('bsky-crash');
    expect(resumed.outcome.error).toBeUndefined();
    expect(fixture.searches()[before]!.params.get('until')).toBe(saved.walk.until);
    // Asked again on purpose and deduplicated: the boundary post (until is exclusive) and,
    // once the walk is done, the newest post (the fresh walk's since is inclusive).
    expect(resumed.producer.stats).toMatchObject({ accepted: 22, duplicates: 2, rejected: 0 });
    expect(await stored('bsky-crash')).toBe(40);
    expect(JSON.parse(resumed.state.cursor!)).toEqual({ 'tiktok ban': { mark: minutesAgo(6) } });

    // Replay: the cursor is lost and the same pages come again.
    await new SourceStateStore(pipeline.redis, pipeline.prefix).update('bsky-crash', (s) => ({ ...s, cursor: null }));
    const replay = await run('bsky-crash');
    expect(replay.producer.stats.accepted).toBe(0);
    expect(await stored('bsky-crash')).toBe(40);
  });

  it('stores an item once when shifting results repeat it on the next page', async () => {
    fixture = await startBlueskySearchFixture({ posts: dataset(), profiles: AUTHORS });
    fixture.shiftPages = true;
    const { producer } = await run('bsky-shifted');
    expect(producer.stats.duplicates).toBeGreaterThan(0);
    expect(await stored('bsky-shifted')).toBe(40);
  });

  it('waits as long as a 429 Retry-After asks, and retries a truncated body', async () => {
    fixture = await startBlueskySearchFixture({ posts: dataset(), profiles: AUTHORS });
    fixture.plan = (n) => (n === 1 ? { status: 429, retryAfter: '1', error: 'RateLimitExceeded' } : n === 3 ? { truncate: true } : undefined);
    const { outcome } = await run('bsky-429');
    expect(outcome.error).toBeUndefined();
    const searches = fixture.searches();
    expect(searches[1]!.at - searches[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(searches).toHaveLength(7);
    expect(await stored('bsky-429')).toBe(40);
  });

  it('fails the run on a 400 without retrying and records the error in the source state', async () => {
    fixture = await startBlueskySearchFixture({ posts: dataset(), profiles: AUTHORS });
    fixture.plan = () => ({ status: 400, error: 'BadQueryString' });
    const { outcome, state } = await run('bsky-400');
    expect(outcome.error).toMatch(/HTTP 400/);
    expect(fixture.searches()).toHaveLength(1);
    expect(state).toMatchObject({ errors: 1, consecutive_failures: 1, healthy: true, cursor: null });
    expect(state.last_error).toMatch(/HTTP 400/);
    expect(await stored('bsky-400')).toBe(0);
  });

  it('backfills exactly the posts of a window and leaves the poll cursor alone', async () => {
    fixture = await startBlueskySearchFixture({ posts: dataset(), profiles: AUTHORS });
    const window = { from: new Date(minutesAgo(30)), to: new Date(minutesAgo(10)) };
    const { outcome, state } = await run('bsky-backfill', {}, window);
    expect(outcome.error).toBeUndefined();
    expect(fixture.searches()[0]!.params.get('until')).toBe(window.to.toISOString());
    // since is inclusive and until exclusive: the posts of minutes 30 to 11 ago.
    expect(await stored('bsky-backfill')).toBe(20);
    expect(state.cursor).toBeNull();
  });
});
