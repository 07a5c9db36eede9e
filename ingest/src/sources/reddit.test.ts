import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countPosts, DeadLetters, POSTS_TABLE, sql } from '@rift/core';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { SourceStateStore } from '../source-state.ts';
import { times } from '@rift/testing/fixture-server';
import { runConnector } from '@rift/testing/run-connector';
import { createRedditSource, redditThingToPost } from './reddit.ts';
import { redditComment, redditLink, replies, startRedditFixture, type RedditFixture } from './reddit.fixture.ts';

const T = Math.floor(Date.parse('2025-01-18T20:00:00Z') / 1000);
const QUERY = 'tiktok ban';

/** Eight items, three a page: five relevant posts, one repeated across pages, one off-topic, one broken. */
function listing() {
  const a2 = redditLink('a2', T - 120, 'TikTok refugees flood Xiaohongshu', 'Everyone is on RedNote now');
  const { created_utc: _dropped, ...noDate } = redditLink('bad', T - 360, 'TikTok ban: a post without a date').data;
  return [
    redditLink('a1', T, 'Congress votes to ban TikTok'),
    redditComment('c1', T - 60, 'RedNote is my new home & I love it'),
    a2,
    redditLink('a3', T - 180, 'The TikTok ban, explained'),
    a2,
    redditLink('x1', T - 300, 'Photos of my cat'),
    { kind: 't3', data: noDate },
    redditComment('c2', T - 420, 'tiktok is back <3'),
  ];
}

describe('reddit source, through the real pipeline', () => {
  let pipeline: TestPipeline;
  let fixture: RedditFixture;
  let states: SourceStateStore;

  beforeEach(async () => {
    pipeline = await startTestPipeline();
    states = new SourceStateStore(pipeline.redis, pipeline.prefix);
    fixture = await startRedditFixture();
    fixture.listings.set(`search:${QUERY}`, listing());
  });
  afterEach(async () => {
    await fixture.close();
    await pipeline.close();
  });

  const run = async () => (await runConnector(pipeline, createRedditSource({ baseUrl: fixture.baseUrl, queries: [QUERY], pageLimit: 3 }))).outcome;
  const stored = () => countPosts(pipeline.db.clickhouse);
  const deadLetters = () => new DeadLetters(pipeline.redis, pipeline.prefix).list(0, 100);

  it('stores each relevant post once, dead-letters the broken item, and a second poll stops at the mark', async () => {
    const outcome = await run();
    expect(outcome).toMatchObject({ pages: 3, postsIn: 7, postsOut: 6 });
    expect(await stored()).toBe(5);
    const letters = await deadLetters();
    expect(letters.map((l) => l.reason)).toEqual(['reddit: t3_bad has no created_utc']);
    expect(fixture.requests.map((u) => u.searchParams.get('after'))).toEqual([null, 't3_a2', 't3_x1']);
    expect(fixture.requests[0]!.searchParams.get('sort')).toBe('new');
    expect(JSON.parse((await states.get('reddit')).cursor!)).toEqual({ newest: { [`search:${QUERY}`]: T } });

    fixture.requests.length = 0;
    expect(await run()).toMatchObject({ pages: 1 });
    expect(fixture.requests).toHaveLength(1);
    expect(await stored()).toBe(5);
  });

  it('resumes after a crash on page 3 from the saved after token, with no gap and no duplicate', async () => {
    fixture.interceptors.push((url) => (url.searchParams.get('after') === 't3_x1' ? replies.serverError() : undefined));
    const crashed = await run();
    expect(crashed.error).toMatch(/HTTP 500/);
    expect(await stored()).toBe(4);
    expect(JSON.parse((await states.get('reddit')).cursor!)).toEqual({ newest: {}, resume: { listing: `search:${QUERY}`, after: 't3_x1', newest: T } });

    fixture.interceptors.length = 0;
    fixture.requests.length = 0;
    expect((await run()).error).toBeUndefined();
    expect(fixture.requests.map((u) => u.searchParams.get('after'))).toEqual(['t3_x1']);
    expect(await stored()).toBe(5);

    // A replay of every page (the cursor lost) changes nothing downstream.
    await states.update('reddit', (s) => ({ ...s, cursor: null }));
    expect(await run()).toMatchObject({ pages: 3, postsOut: 6 });
    expect(await stored()).toBe(5);
  });

  it('waits out a 429 for its Retry-After and retries 500s and cut-off JSON', async () => {
    const after = (token: string | null) => (url: URL) => url.searchParams.get('after') === token;
    fixture.interceptors.push(
      times(1, replies.tooMany(1), after(null)),
      times(1, replies.serverError(), after('t3_a2')),
      times(1, replies.truncated(), after('t3_x1')),
    );
    const started = Date.now();
    expect((await run()).error).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fixture.requests).toHaveLength(6);
    expect(await stored()).toBe(5);
  });

  it('pauses when X-Ratelimit-Remaining reaches 0 until the reset', async () => {
    fixture.rateLimit = { remaining: 1, resetSeconds: 1 };
    const started = Date.now();
    expect((await run()).error).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await stored()).toBe(5);
  });

  it('fails the run on a 4xx without retrying and records it in the source state', async () => {
    fixture.interceptors.push(() => replies.forbidden());
    const outcome = await run();
    expect(outcome.error).toMatch(/HTTP 403/);
    expect(fixture.requests).toHaveLength(1);
    const state = await states.get('reddit');
    expect(state).toMatchObject({ errors: 1, consecutive_failures: 1, healthy: true, cursor: null });
    expect(state.last_error).toMatch(/HTTP 403/);
    expect(await stored()).toBe(0);
  });

  it('keeps comments and posts apart and reads Reddit fields into the canonical post', async () => {
    await run();
    const rows = await pipeline.db.clickhouse.query<{ id: string; text: string; url: string }>(
      sql`SELECT id, text, url FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL ORDER BY id`,
    );
    expect(rows.map((r) => r.id)).toEqual(['t1_c1', 't1_c2', 't3_a1', 't3_a2', 't3_a3']);
    expect(rows.find((r) => r.id === 't3_a2')!.text).toBe('TikTok refugees flood Xiaohongshu\n\nEveryone is on RedNote now');
    expect(rows.find((r) => r.id === 't1_c1')!.text).toBe('RedNote is my new home & I love it');
    expect(rows.find((r) => r.id === 't3_a1')!.url).toBe('https://www.reddit.com/r/news/comments/a1/post/');
  });
});

describe('reddit items as the search listing serves them', () => {
  it('gives a comment without a permalink its URL from link_id and id', () => {
    const result = redditThingToPost({
      kind: 't1',
      data: { id: 'kx9f2ab', name: 't1_kx9f2ab', link_id: 't3_1i0abcd', subreddit: 'technology', body: 'RedNote it is, then', author: 'someone', created_utc: 1736800000, score: 12 },
    });
    expect('post' in result && result.post.url).toBe('https://www.reddit.com/r/technology/comments/1i0abcd/_/kx9f2ab/');
  });

  it("keeps a link post's linked URL with its title, and leaves a self post's own thread out", () => {
    const link = redditThingToPost({
      kind: 't3',
      data: { id: '1i0abcd', name: 't3_1i0abcd', title: 'Supreme Court upholds TikTok ban', selftext: '', is_self: false, url: 'https://apnews.com/article/tiktok-ban-supreme-court', permalink: '/r/news/comments/1i0abcd/supreme_court_upholds_tiktok_ban/', author: 'a', created_utc: 1737126000 },
    });
    expect('post' in link && link.post.text).toBe('Supreme Court upholds TikTok ban\n\nhttps://apnews.com/article/tiktok-ban-supreme-court');
    expect('post' in link && link.post.url).toBe('https://www.reddit.com/r/news/comments/1i0abcd/supreme_court_upholds_tiktok_ban/');
    const self = redditThingToPost({
      kind: 't3',
      data: { id: 'b2', name: 't3_b2', title: 'Moving to RedNote?', selftext: 'Thoughts?', is_self: true, url: 'https://www.reddit.com/r/tiktok/comments/b2/moving_to_rednote/', author: 'b', created_utc: 1737126000 },
    });
    expect('post' in self && self.post.text).toBe('Moving to RedNote?\n\nThoughts?');
  });
});
