import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetters } from '@rift/core/dead-letters';
import { sql } from '@rift/core/sql';
import { startTestPipeline, type TestPipeline } from '../../../infra/src/testing/pipeline.ts';
import { SourceStateStore } from '../source-state.ts';
import { runConnector, storedPosts } from '../testing/run-connector.ts';
import { jsonReply, startFixtureServer, type FixtureServer } from '../testing/fixture-server.ts';
import { createBlueskyJetstreamSource, type BlueskyJetstreamOptions } from './bluesky-jetstream.ts';
import { eventsWithTikTokPosts, startJetstreamFixture, type JetstreamEvent, type JetstreamFixture } from './bluesky-jetstream.fixture.ts';

const OVERLAP_US = 50_000;
const TIKTOK_POSTS = 30;

/** The sample with 30 TikTok posts woven in, and one post event whose record has no text. */
function streamEvents(): JetstreamEvent[] {
  const { events } = eventsWithTikTokPosts(TIKTOK_POSTS);
  const broken = structuredClone(events.find((e) => e.did.startsWith('did:plc:tiktokfixture'))!) as JetstreamEvent & { commit: { rkey: string; record: Record<string, unknown> } };
  broken.commit.rkey = '3mbroken';
  delete broken.commit.record.text;
  broken.time_us = Math.max(...events.map((e) => e.time_us)) + 10;
  return [...events, broken];
}

/** What the fixture sends for wantedCollections=app.bsky.feed.post: posts, identity and account events. */
const delivered = (fixture: JetstreamFixture) =>
  fixture.events.filter((e) => e.kind !== 'commit' || e.commit?.collection === 'app.bsky.feed.post');
const isPostCreate = (e: JetstreamEvent) =>
  e.commit?.collection === 'app.bsky.feed.post' && e.commit.operation === 'create' && (e.commit as { rkey?: string }).rkey !== '3mbroken';
const isTikTokPost = (e: JetstreamEvent) => e.did.startsWith('did:plc:tiktokfixture') && (e.commit as { rkey?: string }).rkey !== '3mbroken';

let pipeline: TestPipeline;
let fixture: JetstreamFixture;
beforeAll(async () => {
  pipeline = await startTestPipeline();
});
afterAll(() => pipeline.close());
afterEach(() => fixture?.close());

async function run(name: string, options: Partial<BlueskyJetstreamOptions>, signal?: AbortSignal) {
  const source = createBlueskyJetstreamSource({
    name,
    endpoint: fixture.url,
    collectSeconds: 1,
    overlapSeconds: OVERLAP_US / 1e6,
    pageSize: 5,
    reconnect: { baseDelayMs: 5, maxDelayMs: 20, attempts: 2 },
    // No test reaches the internet: profiles only from a fixture AppView, when a test gives one.
    profilesUrl: null,
    ...options,
  });
  return runConnector(pipeline, source, { signal });
}

const stored = (source: string) => storedPosts(pipeline, source);

describe('Bluesky Jetstream source through the real pipeline', () => {
  it('keeps the relevant post creates, dead-letters broken frames and saves the last time_us', async () => {
    fixture = await startJetstreamFixture(streamEvents());
    fixture.rawFrames = ['{"did":"did:plc:x","time_us":'];
    const frames = delivered(fixture).length + 1;
    // An AppView that knows the fixture's TikTok authors (getProfiles: at most 25 actors a call).
    const appview: FixtureServer = await startFixtureServer((url) => {
      const actors = url.searchParams.getAll('actors');
      if (url.pathname !== '/xrpc/app.bsky.actor.getProfiles' || actors.length < 1 || actors.length > 25) return { status: 400, body: '{"error":"InvalidRequest"}' };
      const known = actors.filter((did) => did.startsWith('did:plc:tiktokfixture'));
      return jsonReply(200, { profiles: known.map((did) => ({ did, handle: `${did.slice(-3)}.creators.example.com`, displayName: `Creator ${did.slice(-3)}`, description: 'I make videos' })) });
    });
    const { outcome, state } = await run('jet-full', { maxEvents: frames, collectSeconds: 10, profilesUrl: appview.baseUrl }).finally(() => appview.close());
    // Every lookup asks for the new authors of one page together, never one request per post.
    expect(appview.requests.length).toBeGreaterThan(0);
    expect(appview.requests.length).toBeLessThan(outcome.postsIn);
    expect(outcome.error).toBeUndefined();
    expect(fixture.connections).toHaveLength(1);
    expect(fixture.connections[0]!.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    expect(fixture.connections[0]!.has('cursor')).toBe(false);
    // 17 sample posts arrive too, but none is about TikTok: the runner's relevance filter drops them.
    expect(outcome.postsIn).toBe(TIKTOK_POSTS + 17);
    expect(await stored('jet-full')).toBe(TIKTOK_POSTS);
    const letters = (await new DeadLetters(pipeline.redis, pipeline.prefix).list(0, 100)).filter((l) => l.source === 'jet-full');
    expect(letters.map((l) => l.reason).sort()).toEqual(['Jetstream message is not JSON', 'Jetstream post event is missing commit.record.text']);
    expect(state.cursor).toBe(String(Math.max(...fixture.events.map((e) => e.time_us))));
    const row = await pipeline.db.clickhouse.query<{ url: string; author_handle: string; author_name: string; author_verified_domain: string }>(
      sql`SELECT url, author_handle, author_name, author_verified_domain FROM ${pipeline.db.clickhouse.table('posts_v1')} FINAL WHERE source = 'jet-full' AND id = 'at://did:plc:tiktokfixture000/app.bsky.feed.post/3mfix0000'`,
    );
    expect(row[0]).toEqual({
      url: 'https://bsky.app/profile/did%3Aplc%3Atiktokfixture000/post/3mfix0000',
      author_handle: '000.creators.example.com',
      author_name: 'Creator 000',
      author_verified_domain: '000.creators.example.com',
    });
  });

  it('reconnects when the socket drops mid-stream, from the last time_us minus the overlap', async () => {
    fixture = await startJetstreamFixture(streamEvents());
    fixture.dropAfter = [25];
    const { outcome, producer } = await run('jet-drop', {});
    expect(outcome.error).toBeUndefined();
    expect(fixture.connections).toHaveLength(2);
    const lastBeforeDrop = Math.max(...delivered(fixture).slice(0, 25).map((e) => e.time_us));
    expect(fixture.connections[1]!.get('cursor')).toBe(String(lastBeforeDrop - OVERLAP_US));
    expect(producer.stats.accepted).toBe(TIKTOK_POSTS);
    expect(await stored('jet-drop')).toBe(TIKTOK_POSTS);
  });

  it('resumes after a run is killed mid-stream with no gap and no duplicate, and a replay adds nothing', async () => {
    fixture = await startJetstreamFixture(streamEvents());
    fixture.holdAfter = [40];
    const abort = new AbortController();
    // Kill the run once the stream has stalled at its hold point, however slow the machine is.
    void (async () => {
      while (delivered(fixture).length < 40) await new Promise((r) => setTimeout(r, 20));
      setTimeout(() => abort.abort(), 200);
    })();
    const killed = await run('jet-crash', { collectSeconds: 10 }, abort.signal);
    expect(killed.outcome.error).toBeDefined();
    // Only whole pages (5 post creates, relevant or not) can have been enqueued before the kill.
    const createsSent = delivered(fixture).slice(0, 40).filter(isPostCreate);
    const wholePages = createsSent.slice(0, Math.floor(createsSent.length / 5) * 5).filter(isTikTokPost).length;
    const enqueued = killed.producer.stats.accepted;
    expect(enqueued).toBeGreaterThan(0);
    expect(enqueued).toBeLessThanOrEqual(wholePages);
    expect(await stored('jet-crash')).toBe(enqueued);
    const saved = Number(killed.state.cursor);

    const resumed = await run('jet-crash', {});
    expect(fixture.connections[1]!.get('cursor')).toBe(String(saved - OVERLAP_US));
    expect(resumed.producer.stats.accepted).toBe(TIKTOK_POSTS - enqueued);
    expect(await stored('jet-crash')).toBe(TIKTOK_POSTS);

    await new SourceStateStore(pipeline.redis, pipeline.prefix).update('jet-crash', (s) => ({ ...s, cursor: null }));
    const replay = await run('jet-crash', {});
    expect(replay.producer.stats.accepted).toBe(0);
    expect(await stored('jet-crash')).toBe(TIKTOK_POSTS);
  });

  it('fails the run and records it when every connection is refused', async () => {
    fixture = await startJetstreamFixture(streamEvents());
    fixture.refuse = 100;
    const { outcome, state } = await run('jet-refused', {});
    expect(outcome.error).toMatch(/3 connections in a row failed.*503/);
    expect(state).toMatchObject({ errors: 1, consecutive_failures: 1 });
    expect(state.last_error).toMatch(/Jetstream/);
    expect(await stored('jet-refused')).toBe(0);
  });
});
