import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countPosts, DeadLetters, POSTS_TABLE, sql } from '@rift/core';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { SourceStateStore } from '../source-state.ts';
import { times } from '@rift/testing/fixture-server';
import { runConnector } from '@rift/testing/run-connector';
import type { BackfillWindow } from './source.ts';
import { createHackerNewsSource } from './hackernews.ts';
import { hnComment, hnStory, replies, startHackerNewsFixture, type HackerNewsFixture } from './hackernews.fixture.ts';

const NOW = Math.floor(Date.now() / 1000);
const T = NOW - 3600;
const OLD = T - 10 * 86_400;

/** Six hits in the first poll's week, two pages of three: five good ones and one without an id. */
function index() {
  const { objectID: _dropped, ...noId } = hnStory(99, T - 240, 'TikTok, a story that lost its id');
  return [
    hnStory(1, T, 'Congress passes the TikTok ban'),
    hnComment(2, T - 60, '<p>TikTok users are moving to <i>RedNote</i> &amp; Lemon8</p><p>Both are &quot;Chinese&quot; apps.</p>'),
    hnStory(3, T - 120, 'Ask HN: TikTok alternatives?', '<p>With the ban coming, where do creators go?</p>'),
    hnComment(4, T - 180, 'I never used tiktok'),
    noId,
    hnStory(5, T - 360, 'TikTok v. Garland decided'),
    hnStory(6, OLD, 'TikTok, an old story for backfill'),
  ];
}

describe('hackernews source, through the real pipeline', () => {
  let pipeline: TestPipeline;
  let fixture: HackerNewsFixture;
  let states: SourceStateStore;
  let clock = NOW;

  beforeEach(async () => {
    pipeline = await startTestPipeline();
    states = new SourceStateStore(pipeline.redis, pipeline.prefix);
    fixture = await startHackerNewsFixture();
    fixture.hits.push(...index());
    clock = NOW;
  });
  afterEach(async () => {
    await fixture.close();
    await pipeline.close();
  });

  const run = async (signal?: AbortSignal, window?: BackfillWindow) => {
    const source = createHackerNewsSource({ baseUrl: fixture.baseUrl, queries: ['tiktok'], hitsPerPage: 3, now: () => clock * 1000 });
    return (await runConnector(pipeline, source, { signal, window })).outcome;
  };
  const stored = () => countPosts(pipeline.db.clickhouse);
  const pagesAsked = () => fixture.requests.map((u) => Number(u.searchParams.get('page')));

  it('pages through stories and comments, dead-letters a hit without an id, then polls from the mark', async () => {
    expect(await run()).toMatchObject({ pages: 2, postsIn: 5, postsOut: 5 });
    expect(await stored()).toBe(5);
    const first = fixture.requests[0]!;
    expect(first.searchParams.get('tags')).toBe('(story,comment)');
    expect(first.searchParams.get('numericFilters')).toMatch(/^created_at_i>=\d+,created_at_i<\d+$/);
    const letters = await new DeadLetters(pipeline.redis, pipeline.prefix).list(0, 10);
    expect(letters.map((l) => l.reason)).toEqual(['hackernews: hit has no objectID']);
    expect(JSON.parse((await states.get('hackernews')).cursor!)).toEqual({ newest: { tiktok: T } });

    fixture.requests.length = 0;
    fixture.hits.push(hnComment(7, T + 30, 'RedNote &gt; TikTok'));
    expect(await run()).toMatchObject({ pages: 1, postsOut: 2 });
    expect(fixture.requests[0]!.searchParams.get('numericFilters')).toMatch(new RegExp(`^created_at_i>=${T},`));
    expect(await stored()).toBe(6);
  });

  it('resumes an aborted run at the saved page, unshifted by posts that arrived meanwhile', async () => {
    const crash = new AbortController();
    fixture.interceptors.push((url) => {
      if (url.searchParams.get('page') === '1') crash.abort();
      return undefined;
    });
    expect((await run(crash.signal)).error).toBeDefined();
    expect(await stored()).toBe(3);
    expect(JSON.parse((await states.get('hackernews')).cursor!).resume).toMatchObject({ query: 'tiktok', page: 1, newest: T });

    fixture.interceptors.length = 0;
    fixture.requests.length = 0;
    // Created after the interrupted run began: outside its fixed range, so page 1 is unchanged.
    fixture.hits.push(hnStory(8, NOW + 30, 'TikTok goes dark for US users'));
    clock = NOW + 100;
    expect(await run()).toMatchObject({ pages: 1, postsIn: 2 });
    expect(pagesAsked()).toEqual([1]);
    expect(await stored()).toBe(5);

    // The next poll picks up what arrived during the crash; a replay of everything adds nothing.
    expect(await run()).toMatchObject({ postsOut: 2 });
    expect(await stored()).toBe(6);
    await states.update('hackernews', (s) => ({ ...s, cursor: null }));
    await run();
    expect(await stored()).toBe(6);
  });

  it('waits out a 429 for its Retry-After and retries 502s and cut-off JSON', async () => {
    const page = (n: string) => (url: URL) => url.searchParams.get('page') === n;
    fixture.interceptors.push(times(1, replies.tooMany(1), page('0')), times(1, replies.serverError(), page('1')), times(1, replies.truncated(), page('1')));
    const started = Date.now();
    expect((await run()).error).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(pagesAsked()).toEqual([0, 0, 1, 1, 1]);
    expect(await stored()).toBe(5);
  });

  it('fails the run on a 400 without retrying and records it in the source state', async () => {
    fixture.interceptors.push(() => replies.badRequest());
    expect((await run()).error).toMatch(/HTTP 400/);
    expect(fixture.requests).toHaveLength(1);
    const state = await states.get('hackernews');
    expect(state).toMatchObject({ errors: 1, consecutive_failures: 1, cursor: null });
    expect(state.last_error).toMatch(/HTTP 400/);
    expect(await stored()).toBe(0);
  });

  it('backfills a past window with created_at_i bounds and leaves the poll cursor alone', async () => {
    const window = { from: new Date((OLD - 3600) * 1000), to: new Date((OLD + 3600) * 1000) };
    expect(await run(undefined, window)).toMatchObject({ pages: 1, postsOut: 1 });
    expect(fixture.requests[0]!.searchParams.get('numericFilters')).toBe(`created_at_i>=${OLD - 3600},created_at_i<${OLD + 3600}`);
    expect((await states.get('hackernews')).cursor).toBeNull();
    expect(await stored()).toBe(1);
  });

  it('turns comment HTML into plain text', async () => {
    await run();
    const rows = await pipeline.db.clickhouse.query<{ text: string; url: string }>(
      sql`SELECT text, url FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL WHERE id = '2'`,
    );
    expect(rows[0]).toEqual({ text: 'TikTok users are moving to RedNote & Lemon8\n\nBoth are "Chinese" apps.', url: 'https://news.ycombinator.com/item?id=2' });
  });

  it("splits a window past Algolia's 1,000 hits until each part fits, and marks the query done only once all are read", async () => {
    fixture.hits.length = 0;
    // 2,500 comments in the last seven hours: three times what one query can page through.
    for (let i = 0; i < 2500; i++) fixture.hits.push(hnComment(10_000 + i, T - i * 10, `TikTok comment ${i}`));
    const big = (signal?: AbortSignal) =>
      runConnector(pipeline, createHackerNewsSource({ baseUrl: fixture.baseUrl, queries: ['tiktok'], hitsPerPage: 100, now: () => clock * 1000 }), { signal });

    // A crash halfway: the windows not yet read are kept, and the query's mark does not move.
    const crash = new AbortController();
    let served = 0;
    fixture.interceptors.push(() => {
      if (++served === 16) crash.abort();
      return undefined;
    });
    expect((await big(crash.signal)).outcome.error).toBeDefined();
    const saved = JSON.parse((await states.get('hackernews')).cursor!);
    expect(saved.newest).toEqual({});
    expect(saved.resume.windows.length).toBeGreaterThan(0);
    fixture.interceptors.length = 0;

    expect((await big()).outcome.error).toBeUndefined();
    expect(await stored()).toBe(2500);
    const done = JSON.parse((await states.get('hackernews')).cursor!);
    expect(done).toEqual({ newest: { tiktok: T } });
    // No query the connector sent asked for a page past what Algolia serves.
    expect(Math.max(...fixture.requests.map((u) => (Number(u.searchParams.get('page')) + 1) * Number(u.searchParams.get('hitsPerPage'))))).toBeLessThanOrEqual(1000);
  }, 60_000);

  it("reads HN's unclosed <p> as a paragraph break, not glued words", async () => {
    fixture.hits.push(hnComment(50, T - 30, 'TikTok is leaving<p>RedNote is arriving<p>Lemon8 waits'));
    await run();
    const rows = await pipeline.db.clickhouse.query<{ text: string }>(sql`SELECT text FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL WHERE id = '50'`);
    expect(rows[0]!.text).toBe('TikTok is leaving\n\nRedNote is arriving\n\nLemon8 waits');
  });
});
