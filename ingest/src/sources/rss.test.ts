import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countPosts, DeadLetters, POSTS_TABLE, sql } from '@rift/core';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { SourceStateStore } from '../source-state.ts';
import { times } from '@rift/testing/fixture-server';
import { runConnector } from '@rift/testing/run-connector';
import { createRssSource, type FeedConfig } from './rss.ts';
import { atomDocument, replies, rssDocument, startRssFixture, type RssFixture, type RssItem } from './rss.fixture.ts';

const SITE = 'https://energycommerce.house.gov';
/** Six items: two relevant, one off-topic, one repeated, one without a date, one without any id. */
const pressItems: RssItem[] = [
  { title: 'Committee advances bill to ban TikTok', guid: `${SITE}/press/1`, permaLink: true, cdata: true, description: '<p>The <b>Protecting Americans</b> act passed 50-0.</p>', pubDate: 'Wed, 13 Mar 2024 15:00:00 GMT', creator: 'Press Office' },
  { title: 'Statement on the TikTok divestiture', link: `${SITE}/press/2`, description: 'The Chair says <em>ByteDance</em> must sell &amp; soon.', pubDate: 'Thu, 14 Mar 2024 10:00:00 -0400' },
  { title: 'Hearing on rural broadband', guid: `${SITE}/press/3`, permaLink: true, description: 'Broadband.', pubDate: 'Thu, 14 Mar 2024 09:00:00 -0400' },
  { title: 'TikTok statement without a date', guid: `${SITE}/press/4`, permaLink: true },
  { title: 'Committee advances bill to ban TikTok', guid: `${SITE}/press/1`, permaLink: true, cdata: true, description: '<p>The <b>Protecting Americans</b> act passed 50-0.</p>', pubDate: 'Wed, 13 Mar 2024 15:00:00 GMT' },
  { title: 'TikTok orphan with no guid or link', description: 'lost', pubDate: 'Wed, 13 Mar 2024 12:00:00 GMT' },
];

describe('rss source, through the real pipeline', () => {
  let pipeline: TestPipeline;
  let fixture: RssFixture;
  let states: SourceStateStore;
  let house: FeedConfig;
  let verge: FeedConfig;

  beforeEach(async () => {
    pipeline = await startTestPipeline();
    states = new SourceStateStore(pipeline.redis, pipeline.prefix);
    fixture = await startRssFixture();
    fixture.documents.set('/press/rss.xml', { contentType: 'application/rss+xml; charset=utf-8', body: rssDocument('Energy and Commerce Committee', SITE, pressItems) });
    fixture.documents.set('/atom.xml', {
      contentType: 'application/atom+xml',
      body: atomDocument('The Verge', 'https://www.theverge.com', [
        { id: 'tag:theverge.com,2025:1', title: 'TikTok goes dark in the US', link: 'https://www.theverge.com/1', published: '2025-01-19T04:00:00Z', updated: '2025-01-19T09:00:00Z', summary: { type: 'html', value: '<p>Users flock to <a href="https://x">RedNote</a>.</p>' } },
        { id: 'tag:theverge.com,2025:2', title: 'What is RedNote?', link: 'https://www.theverge.com/2', updated: '2025-01-18T10:00:00Z', summary: { type: 'xhtml', value: '<p>小红书 is also called <b>Xiaohongshu</b>.</p><p>It is big.</p>' } },
        { id: 'tag:theverge.com,2025:3', title: 'A gadget review', link: 'https://www.theverge.com/3', updated: '2025-01-17T10:00:00Z' },
      ]),
    });
    house = { id: 'house-energy-commerce', url: `${fixture.baseUrl}/press/rss.xml`, actor: 'us_government', domain: 'energycommerce.house.gov' };
    verge = { id: 'the-verge', url: `${fixture.baseUrl}/atom.xml`, actor: 'media', domain: 'theverge.com', title: 'The Verge' };
  });
  afterEach(async () => {
    await fixture.close();
    await pipeline.close();
  });

  const run = async (feed: FeedConfig) => (await runConnector(pipeline, createRssSource(feed))).outcome;
  const stored = () => countPosts(pipeline.db.clickhouse);
  const rows = () =>
    pipeline.db.clickhouse.query<{ id: string; text: string; created_at: string; actor: string; author_name: string }>(
      sql`SELECT id, text, formatDateTime(created_at, '%Y-%m-%dT%H:%M:%SZ', 'UTC') AS created_at, toString(actor) AS actor, author_name FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL ORDER BY id`,
    );

  it('reads an RSS 2.0 press feed, dead-letters broken items, and takes only newer items next time', async () => {
    const before = Date.now();
    expect(await run(house)).toMatchObject({ pages: 1, postsIn: 5, postsOut: 4 });
    expect(await stored()).toBe(3);
    const letters = await new DeadLetters(pipeline.redis, pipeline.prefix).list(0, 10);
    expect(letters.map((l) => l.reason).sort()).toEqual([
      'rss house-energy-commerce: entry "TikTok orphan with no guid or link" has no guid, id or link',
    ]);
    // The undated item is kept, dated when first seen (the feed gives no update time), and flagged.
    const undated = await pipeline.db.clickhouse.query<{ created_at: string; missing_fields: string[]; raw: string }>(
      sql`SELECT toString(created_at) AS created_at, missing_fields, raw FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL WHERE id = ${`energycommerce.house.gov:${SITE}/press/4`}`,
    );
    expect(undated).toHaveLength(1);
    expect(undated[0]!.missing_fields).toEqual(['created_at']);
    expect(JSON.parse(undated[0]!.raw)).toMatchObject({ dated_by: 'first_seen' });
    expect(Date.parse(`${undated[0]!.created_at.replace(' ', 'T')}Z`)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect((await rows()).filter((r) => !r.id.endsWith('/press/4'))).toEqual([
      { id: `energycommerce.house.gov:${SITE}/press/1`, text: 'Committee advances bill to ban TikTok\n\nThe Protecting Americans act passed 50-0.', created_at: '2024-03-13T15:00:00Z', actor: 'us_government', author_name: 'Energy and Commerce Committee' },
      { id: `energycommerce.house.gov:${SITE}/press/2`, text: 'Statement on the TikTok divestiture\n\nThe Chair says ByteDance must sell & soon.', created_at: '2024-03-14T14:00:00Z', actor: 'us_government', author_name: 'Energy and Commerce Committee' },
    ]);
    expect(JSON.parse((await states.get('rss-house-energy-commerce')).cursor!)).toEqual({ newest: '2024-03-14T14:00:00.000Z', ids: [`energycommerce.house.gov:${SITE}/press/2`] });

    // Same document again: nothing new (the undated item comes again, and is dropped as seen).
    expect(await run(house)).toMatchObject({ postsIn: 1 });
    expect(await stored()).toBe(3);
    const more: RssItem[] = [
      { title: 'TikTok ban upheld', guid: `${SITE}/press/9`, permaLink: true, pubDate: 'Fri, 17 Jan 2025 15:00:00 GMT' },
      { title: 'Second TikTok statement that hour', guid: `${SITE}/press/8`, permaLink: true, pubDate: 'Thu, 14 Mar 2024 14:00:00 GMT' },
      ...pressItems,
    ];
    fixture.documents.set('/press/rss.xml', { contentType: 'application/rss+xml', body: rssDocument('Energy and Commerce Committee', SITE, more) });
    expect(await run(house)).toMatchObject({ postsIn: 3 });
    expect(await stored()).toBe(5);
  });

  it('reads an Atom 1.0 feed: html and xhtml summaries, published before updated', async () => {
    expect(await run(verge)).toMatchObject({ postsIn: 3, postsOut: 2 });
    expect(await rows()).toEqual([
      { id: 'theverge.com:tag:theverge.com,2025:1', text: 'TikTok goes dark in the US\n\nUsers flock to RedNote.', created_at: '2025-01-19T04:00:00Z', actor: 'media', author_name: 'The Verge' },
      { id: 'theverge.com:tag:theverge.com,2025:2', text: 'What is RedNote?\n\n小红书 is also called Xiaohongshu.\n\nIt is big.', created_at: '2025-01-18T10:00:00Z', actor: 'media', author_name: 'The Verge' },
    ]);
  });

  it('fetches a cut-off feed again, and fails the run when it stays cut off', async () => {
    const body = fixture.documents.get('/press/rss.xml')!.body;
    fixture.interceptors.push(times(1, replies.truncated(body)));
    expect((await run(house)).error).toBeUndefined();
    expect(fixture.requests).toHaveLength(2);
    expect(await stored()).toBe(3);

    await states.update('rss-house-energy-commerce', (s) => ({ ...s, cursor: null }));
    fixture.requests.length = 0;
    fixture.interceptors.push(() => replies.truncated(body));
    const failed = await run(house);
    expect(failed.error).toMatch(/^rss house-energy-commerce: document ends inside/);
    expect(fixture.requests).toHaveLength(3);
    expect((await states.get('rss-house-energy-commerce')).cursor).toBeNull();
  });

  it('after a failed run, the next one takes the feed whole; a replay adds nothing', async () => {
    fixture.interceptors.push(() => replies.serverError());
    expect((await run(house)).error).toMatch(/HTTP 500/);
    expect(fixture.requests).toHaveLength(3);
    expect(await stored()).toBe(0);

    fixture.interceptors.length = 0;
    expect((await run(house)).error).toBeUndefined();
    expect(await stored()).toBe(3);
    await states.update('rss-house-energy-commerce', (s) => ({ ...s, cursor: null }));
    expect(await run(house)).toMatchObject({ postsOut: 4 });
    expect(await stored()).toBe(3);
  });

  it('decodes a gb2312 feed by its declared charset, reads a Portuguese date and resolves relative Atom links', async () => {
    // "美国众议院通过 TikTok 禁令" in gb2312, as a Chinese outlet's feed sends it.
    const title = Buffer.from('c3c0b9fad6dad2e9d4bacda8b9fd2054696b546f6b20bdfbc1ee', 'hex');
    const body = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="gb2312"?>\n<rss version="2.0"><channel><title>News</title><item><title>', 'latin1'),
      title,
      Buffer.from('</title><link>/world/1.html</link><pubDate>Qua, 13 Mar 2024 18:00:00 +0800</pubDate></item></channel></rss>', 'latin1'),
    ]);
    fixture.interceptors.push(() => ({ status: 200, headers: { 'content-type': 'text/xml' }, body: new Uint8Array(body) }));
    const chinese: FeedConfig = { id: 'cn-news', url: `${fixture.baseUrl}/cn/rss.xml`, actor: 'media', domain: 'news.example.cn' };
    expect(await run(chinese)).toMatchObject({ postsIn: 1, postsOut: 1 });
    fixture.interceptors.length = 0;
    fixture.documents.set('/base.xml', {
      contentType: 'application/atom+xml',
      body: `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.example.gov/news/">
  <title>Press</title><updated>2025-01-19T12:00:00Z</updated>
  <entry xml:base="2025/"><id>urn:1</id><title type="text">Senator&amp;rsquo;s statement on TikTok &amp;amp; RedNote</title><link href="tiktok.html"/><updated>2025-01-19T08:00:00</updated></entry>
</feed>`,
    });
    const gov: FeedConfig = { id: 'gov', url: `${fixture.baseUrl}/base.xml`, actor: 'us_government', domain: 'example.gov' };
    expect(await run(gov)).toMatchObject({ postsIn: 1 });
    const got = await pipeline.db.clickhouse.query<{ text: string; url: string; created_at: string }>(
      sql`SELECT text, url, formatDateTime(created_at, '%Y-%m-%dT%H:%M:%SZ', 'UTC') AS created_at FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL ORDER BY id`,
    );
    expect(got).toEqual([
      { text: 'Senator’s statement on TikTok & RedNote', url: 'https://www.example.gov/news/2025/tiktok.html', created_at: '2025-01-19T08:00:00Z' },
      { text: '美国众议院通过 TikTok 禁令', url: `${fixture.baseUrl}/world/1.html`, created_at: '2024-03-13T10:00:00Z' },
    ]);
  });

  it('waits out a 429 for its Retry-After', async () => {
    fixture.interceptors.push(times(1, replies.tooMany(1)));
    const started = Date.now();
    expect((await run(verge)).error).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await stored()).toBe(2);
  });

  it('fails the run on a 404 without retrying and records it in the source state', async () => {
    const gone = { ...house, url: `${fixture.baseUrl}/moved.xml` };
    expect((await run(gone)).error).toMatch(/HTTP 404/);
    expect(fixture.requests).toHaveLength(1);
    const state = await states.get('rss-house-energy-commerce');
    expect(state).toMatchObject({ errors: 1, consecutive_failures: 1, cursor: null });
    expect(state.last_error).toMatch(/HTTP 404/);
  });
});
