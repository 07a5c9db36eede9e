import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetters, POSTS_TABLE, sql } from '@rift/core';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { SourceStateStore } from '../source-state.ts';
import { runConnector, storedPosts } from '@rift/testing/run-connector';
import { createMastodonSource, mastodonSourceName } from './mastodon.ts';
import { parseLinkHeader } from './mastodon-status.ts';
import { startMastodonFixture, status, type MastodonFixture } from './mastodon.fixture.ts';
import type { BackfillWindow } from './source.ts';

const NOW = Date.now();
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();
/** Mastodon ids are snowflakes: milliseconds shifted left 16 bits, plus a sequence. */
const snowflake = (iso: string, seq = 0) => String(BigInt(Date.parse(iso)) * 65536n + BigInt(seq));

const SENATE_FIELD = {
  name: 'Website',
  value: '<a href="https://www.commerce.senate.gov" rel="me nofollow noopener noreferrer" target="_blank"><span class="invisible">https://www.</span><span class="">commerce.senate.gov</span><span class="invisible"></span></a>',
  verified_at: '2024-03-01T00:00:00.000+00:00',
};

function tiktokStatus(origin: string, minutes: number, i: number) {
  const createdAt = minutesAgo(minutes);
  const remote = i % 4 === 3;
  return status(origin, {
    id: snowflake(createdAt),
    createdAt,
    html: `<p>Day ${i} of the <a href="${origin}/tags/TikTokBan" class="mention hashtag" rel="tag">#<span>TikTokBan</span></a>: creators can&#39;t wait<br>what now?</p>`,
    tags: ['tiktokban'],
    username: i % 2 ? 'senatecommerce' : 'ann',
    acct: remote ? 'wei@other.example' : undefined,
    displayName: i % 2 ? 'Senate Commerce' : 'Ann',
    noteHtml: i % 2 ? '<p>Official account of the Senate Commerce Committee</p>' : '<p>Teacher &amp; creator</p>',
    fields: i % 2 ? [SENATE_FIELD] : [],
  });
}

/** 50 statuses from 100 to 51 minutes ago, and two broken ones among them. */
function seed(fixture: MastodonFixture) {
  for (let i = 0; i < 50; i++) fixture.statuses.push(tiktokStatus(fixture.baseUrl, 100 - i, i));
  const noDate = tiktokStatus(fixture.baseUrl, 70, 900);
  noDate.id = snowflake(minutesAgo(70), 1);
  delete noDate.created_at;
  const noAccount = tiktokStatus(fixture.baseUrl, 75, 901);
  noAccount.id = snowflake(minutesAgo(75), 1);
  delete noAccount.account;
  fixture.statuses.push(noDate, noAccount);
}
/** 25 newer statuses, 50 to 26 minutes ago. */
const addNewer = (fixture: MastodonFixture) => {
  for (let j = 0; j < 25; j++) fixture.statuses.push(tiktokStatus(fixture.baseUrl, 50 - j, 100 + j));
};

let pipeline: TestPipeline;
let fixture: MastodonFixture;
beforeAll(async () => {
  pipeline = await startTestPipeline();
});
afterAll(() => pipeline.close());
afterEach(() => fixture?.close());

async function run(name: string, window?: BackfillWindow) {
  const source = createMastodonSource({ name, instance: fixture.baseUrl, tags: ['TikTokBan'], intervalMinutes: 10, pageLimit: 10, pageSize: 10 });
  return runConnector(pipeline, source, { window });
}

const stored = (source: string) => storedPosts(pipeline, source);

const timelineRequests = () => fixture.requests.filter((r) => r.path === '/api/v1/timelines/tag/TikTokBan');

describe('Mastodon hashtag source through the real pipeline', () => {
  it('is named after its instance and reads the Link header of the recorded response', () => {
    expect(mastodonSourceName('https://mastodon.social')).toBe('mastodon-mastodon.social');
    expect(parseLinkHeader('<http://localhost:3000/api/v1/timelines/tag/hoot?max_id=117020593741189701>; rel="next", <http://localhost:3000/api/v1/timelines/tag/hoot?min_id=117020593741189701>; rel="prev"')).toEqual({
      next: 'http://localhost:3000/api/v1/timelines/tag/hoot?max_id=117020593741189701',
      prev: 'http://localhost:3000/api/v1/timelines/tag/hoot?min_id=117020593741189701',
    });
  });

  it('takes the newest page first, then walks forward with min_id and the Link header', async () => {
    fixture = await startMastodonFixture();
    seed(fixture);
    const first = await run('masto-poll');
    expect(await stored('masto-poll')).toBe(10);
    const mark = JSON.parse(first.state.cursor!).TikTokBan as string;
    expect(mark).toBe(snowflake(minutesAgo(51)));

    addNewer(fixture);
    const second = await run('masto-poll');
    expect(second.outcome.error).toBeUndefined();
    const asked = timelineRequests().slice(1).map((r) => r.params.get('min_id'));
    expect(asked).toEqual([mark, snowflake(minutesAgo(41)), snowflake(minutesAgo(31)), snowflake(minutesAgo(26))]);
    expect(await stored('masto-poll')).toBe(35);
    expect(JSON.parse(second.state.cursor!)).toEqual({ TikTokBan: snowflake(minutesAgo(26)) });

    const rows = await pipeline.db.clickhouse.query<Record<string, string>>(
      sql`SELECT text, author_handle, author_description, author_verified_domain, url FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL
          WHERE source = 'masto-poll' AND id = ${snowflake(minutesAgo(49))}`,
    );
    expect(rows[0]).toEqual({
      text: "Day 101 of the #TikTokBan: creators can't wait\nwhat now?",
      author_handle: 'senatecommerce@127.0.0.1',
      author_description: 'Official account of the Senate Commerce Committee',
      author_verified_domain: 'www.commerce.senate.gov',
      url: `${fixture.baseUrl}/@senatecommerce/${snowflake(minutesAgo(49))}`,
    });
  });

  it('resumes after a crash on page 3 with no gap and no duplicate, and a replay adds nothing', async () => {
    fixture = await startMastodonFixture();
    seed(fixture);
    const seeded = await run('masto-crash');
    addNewer(fixture);
    fixture.plan = (n) => (n >= 4 ? { status: 500 } : undefined); // every attempt at page 3 of the second poll
    const crashed = await run('masto-crash');
    expect(crashed.outcome.error).toMatch(/HTTP 500/);
    expect(await stored('masto-crash')).toBe(30);
    expect(JSON.parse(crashed.state.cursor!)).toEqual({ TikTokBan: snowflake(minutesAgo(31)) });

    fixture.plan = () => undefined;
    const before = timelineRequests().length;
    const resumed = await run('masto-crash');
    expect(timelineRequests()[before]!.params.get('min_id')).toBe(snowflake(minutesAgo(31)));
    expect(resumed.producer.stats).toMatchObject({ accepted: 5, duplicates: 0 });
    expect(await stored('masto-crash')).toBe(35);

    await new SourceStateStore(pipeline.redis, pipeline.prefix).update('masto-crash', (s) => ({ ...s, cursor: seeded.state.cursor }));
    const replay = await run('masto-crash');
    expect(replay.producer.stats).toMatchObject({ accepted: 0, duplicates: 25 });
    expect(await stored('masto-crash')).toBe(35);
  });

  it('stores a status once when Link cursors make it repeat on the next page', async () => {
    fixture = await startMastodonFixture();
    seed(fixture);
    await run('masto-overlap');
    addNewer(fixture);
    fixture.overlapLinks = true;
    const { producer } = await run('masto-overlap');
    expect(producer.stats.duplicates).toBeGreaterThan(0);
    expect(await stored('masto-overlap')).toBe(35);
  });

  it('waits as long as a 429 Retry-After asks, and retries a truncated body', async () => {
    fixture = await startMastodonFixture();
    seed(fixture);
    fixture.plan = (n) => (n === 1 ? { status: 429, retryAfter: '1' } : n === 2 ? { truncate: true } : undefined);
    const { outcome } = await run('masto-429');
    expect(outcome.error).toBeUndefined();
    const [limited, truncated, ok] = timelineRequests();
    expect(truncated!.at - limited!.at).toBeGreaterThanOrEqual(1000);
    expect(ok).toBeDefined();
    expect(await stored('masto-429')).toBe(10);
  });

  it('fails the run on a 400 without retrying and records the error in the source state', async () => {
    fixture = await startMastodonFixture();
    seed(fixture);
    fixture.plan = () => ({ status: 400 });
    const { outcome, state } = await run('masto-400');
    expect(outcome.error).toMatch(/HTTP 400/);
    expect(timelineRequests()).toHaveLength(1);
    expect(state).toMatchObject({ errors: 1, consecutive_failures: 1, cursor: null });
    expect(state.last_error).toMatch(/HTTP 400/);
  });

  it('backfills a window by walking back with max_id, dead-lettering statuses missing fields', async () => {
    fixture = await startMastodonFixture();
    seed(fixture);
    const window = { from: new Date(minutesAgo(90)), to: new Date(minutesAgo(60)) };
    const { outcome, state } = await run('masto-backfill', window);
    expect(outcome.error).toBeUndefined();
    // Minutes 90 (inclusive) to 60 (exclusive) ago: 30 statuses.
    expect(await stored('masto-backfill')).toBe(30);
    expect(timelineRequests().slice(1).every((r) => r.params.has('max_id'))).toBe(true);
    expect(state.cursor).toBeNull();
    const letters = (await new DeadLetters(pipeline.redis, pipeline.prefix).list(0, 100)).filter((l) => l.source === 'masto-backfill');
    expect(letters.map((l) => l.reason).sort()).toEqual(['Mastodon status is missing account.acct', 'Mastodon status is missing created_at']);
  });
});
