import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetters, POSTS_TABLE, sql } from '@rift/core';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { SourceStateStore } from '../source-state.ts';
import { runConnector, storedPosts } from '@rift/testing/run-connector';
import { startAppViewFixture, type AppViewPost } from './bluesky-appview.fixture.ts';
import { createBlueskyJetstreamSource, QUOTE_TEXT_MISSING, type BlueskyJetstreamOptions } from './bluesky-jetstream.ts';
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

/** The fixture AppView knows the TikTok authors (and no one else). */
const creatorProfile = (did: string) =>
  did.startsWith('did:plc:tiktokfixture') ? { handle: `${did.slice(-3)}.creators.example.com`, displayName: `Creator ${did.slice(-3)}`, description: 'I make videos' } : undefined;

const QUOTED_AUTHOR = 'did:plc:quotedsenator';
const quotedUri = (k: number) => `at://${QUOTED_AUTHOR}/app.bsky.feed.post/3kquoted${String(k).padStart(2, '0')}`;
/** Quote posts 0-25 quote posts the AppView has; 26 and 27 quote deleted posts. */
const QUOTES = 28;
const DELETED_FROM = 26;

/**
 * The stream plus 28 quote posts, as Jetstream records them (only the quoted post's strong ref):
 * quote k quotes post k. Their own words are off topic except quote 26's, so only the quoted
 * text can make 0-25 relevant; quote 1 also has an image (recordWithMedia).
 */
function streamWithQuotes(): { events: JetstreamEvent[]; quoted: Map<string, AppViewPost> } {
  const events = streamEvents();
  const template = events.find(isTikTokPost)!;
  const end = Math.max(...events.map((e) => e.time_us));
  const quoted = new Map<string, AppViewPost>();
  for (let k = 0; k < QUOTES; k++) {
    const ref = { uri: quotedUri(k), cid: `bafyreiquoted${k}` };
    const embed = k === 1
      ? { $type: 'app.bsky.embed.recordWithMedia', record: { $type: 'app.bsky.embed.record', record: ref }, media: { $type: 'app.bsky.embed.images', images: [{ alt: 'RedNote at #1 in the App Store', image: { $type: 'blob' } }] } }
      : { $type: 'app.bsky.embed.record', record: ref };
    const event = structuredClone(template) as JetstreamEvent & { commit: { rkey: string; record: Record<string, unknown> } };
    event.did = `did:plc:quoter${String(k).padStart(3, '0')}`;
    event.time_us = end + 100 + k;
    event.commit.rkey = `3mquote${String(k).padStart(2, '0')}`;
    event.commit.record = { $type: 'app.bsky.feed.post', createdAt: '2026-07-04T15:00:00.000Z', langs: ['en'], text: k === DELETED_FROM ? 'The TikTok ban aged badly' : `Remember this? ${k}`, embed };
    events.push(event);
    if (k < DELETED_FROM) quoted.set(quotedUri(k), { authorDid: QUOTED_AUTHOR, handle: 'senator.senate.gov', text: `Ban TikTok now, it is a national security threat and a CCP spy tool, part ${k}`, createdAt: '2024-12-01T00:00:00.000Z' });
  }
  return { events, quoted };
}

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
    appviewUrl: null,
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
    const appview = await startAppViewFixture({ profile: creatorProfile, posts: new Map() });
    const { outcome, state } = await run('jet-full', { maxEvents: frames, collectSeconds: 10, appviewUrl: appview.baseUrl }).finally(() => appview.close());
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
      sql`SELECT url, author_handle, author_name, author_verified_domain FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL WHERE source = 'jet-full' AND id = 'at://did:plc:tiktokfixture000/app.bsky.feed.post/3mfix0000'`,
    );
    expect(row[0]).toEqual({
      url: 'https://bsky.app/profile/did%3Aplc%3Atiktokfixture000/post/3mfix0000',
      author_handle: '000.creators.example.com',
      author_name: 'Creator 000',
      author_verified_domain: '000.creators.example.com',
    });
  });

  it("reads the quoted posts' text with getPosts, 25 to a request, and lists a deleted quote's text as missing", async () => {
    const { events, quoted } = streamWithQuotes();
    fixture = await startJetstreamFixture(events);
    const appview = await startAppViewFixture({ profile: creatorProfile, posts: quoted });
    // One page holds every post, so all 28 quoted posts are asked for together.
    const { outcome } = await run('jet-quotes', { maxEvents: delivered(fixture).length, collectSeconds: 10, pageSize: 1000, appviewUrl: appview.baseUrl }).finally(() => appview.close());
    expect(outcome.error).toBeUndefined();
    const getPosts = appview.requests.filter((u) => u.pathname === '/xrpc/app.bsky.feed.getPosts');
    expect(getPosts.map((u) => u.searchParams.getAll('uris').length)).toEqual([25, 3]);
    expect(getPosts.flatMap((u) => u.searchParams.getAll('uris')).sort()).toEqual(Array.from({ length: QUOTES }, (_, k) => quotedUri(k)).sort());
    // 30 TikTok posts, 26 quotes made relevant by what they quote, and quote 26 by its own words;
    // quote 27's quoted post is gone and its own words are off topic, so nothing makes it relevant.
    expect(await stored('jet-quotes')).toBe(TIKTOK_POSTS + DELETED_FROM + 1);
    const rows = await pipeline.db.clickhouse.query<{ id: string; text: string; context_text: string; missing_fields: string[] }>(
      sql`SELECT id, text, context_text, missing_fields FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL WHERE source = 'jet-quotes' AND id LIKE '%/3mquote%' ORDER BY id`,
    );
    expect(rows).toHaveLength(DELETED_FROM + 1);
    expect(rows[0]).toEqual({ id: 'at://did:plc:quoter000/app.bsky.feed.post/3mquote00', text: 'Remember this? 0', context_text: 'Quoting @senator.senate.gov: Ban TikTok now, it is a national security threat and a CCP spy tool, part 0', missing_fields: [] });
    expect(rows[1]).toEqual({
      id: 'at://did:plc:quoter001/app.bsky.feed.post/3mquote01',
      text: 'Remember this? 1',
      context_text: 'Quoting @senator.senate.gov: Ban TikTok now, it is a national security threat and a CCP spy tool, part 1\n\n[image: RedNote at #1 in the App Store]',
      missing_fields: [],
    });
    expect(rows[DELETED_FROM]).toEqual({ id: 'at://did:plc:quoter026/app.bsky.feed.post/3mquote26', text: 'The TikTok ban aged badly', context_text: '', missing_fields: [QUOTE_TEXT_MISSING] });
    // Stance and topics are judged on the author's words alone, not on the senator's they quote.
    const scored = await pipeline.db.clickhouse.query<{ stance: string; topics: string[] }>(
      sql`SELECT stance, topics FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL WHERE source = 'jet-quotes' AND id = ${rows[0]!.id}`,
    );
    const own = pipeline.analyzer.analyze({ text: rows[0]!.text });
    const withQuote = pipeline.analyzer.analyze({ text: `${rows[0]!.text}\n${rows[0]!.context_text}` });
    expect(withQuote.stance.label).not.toBe(own.stance.label);
    expect(scored).toEqual([{ stance: own.stance.label, topics: own.topics }]);
    // The stored raw event still names the deleted post it quoted.
    const raw = await pipeline.db.clickhouse.query<{ raw: string }>(
      sql`SELECT raw FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL WHERE source = 'jet-quotes' AND id = 'at://did:plc:quoter026/app.bsky.feed.post/3mquote26'`,
    );
    expect(JSON.parse(raw[0]!.raw).commit.record.embed.record.uri).toBe(quotedUri(DELETED_FROM));
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
