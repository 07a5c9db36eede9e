// Bluesky posts as the network sends them: real Jetstream events (link cards, shortened links),
// and PostViews in the shape app.bsky.feed.searchPosts documents (quotes, quoteCount).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@rift/core';
import { jetstreamEventToItem, postViewToPost } from './bluesky-post.ts';
import { expandLinkFacets } from './bluesky-text.ts';

const events = readFileSync(path.resolve(REPO_ROOT, '../shared/data/samples/bluesky/jetstream-v1-events.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
const eventWith = (rkey: string) => structuredClone(events.find((e) => e.commit?.rkey === rkey)!);

describe('Bluesky text and embeds', () => {
  it("puts a link facet's full URL in place of the shortened text, by UTF-8 byte offsets", () => {
    const text = '美国 see example.com/a...';
    const start = Buffer.byteLength('美国 see ');
    const facets = [{ index: { byteStart: start, byteEnd: Buffer.byteLength(text) }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/a/long/path' }] }];
    expect(expandLinkFacets(text, facets)).toBe('美国 see https://example.com/a/long/path');
  });

  it('reads a real Jetstream post: the full link in the text, the card apart in context_text', () => {
    const item = jetstreamEventToItem(eventWith('3mptbyoeyc22k'), 'bluesky-jetstream');
    expect('post' in item && item.post.text).toBe('https://www.youtube.com/watch?v=V5lDo-jw8mA');
    expect('post' in item && item.post.context_text).toBe("What does America's 250th anniversary mean to Native Americans?\nYouTube video by Reuters");
  });

  it('keeps a Jetstream post whose text is empty but which shares a link card', () => {
    const event = eventWith('3mptbyoeyc22k');
    event.commit.record.text = '';
    delete event.commit.record.facets;
    const item = jetstreamEventToItem(event, 'bluesky-jetstream');
    expect(item).toMatchObject({ post: { text: 'https://www.youtube.com/watch?v=V5lDo-jw8mA', context_text: expect.stringContaining('Native Americans') } });
  });

  it("names the post a Jetstream record quotes, plain or beside media, and nothing for a quoted feed or list", () => {
    const quoting = (embed: unknown) => {
      const event = eventWith('3mptbyoeyc22k');
      event.commit.record.embed = embed;
      const item = jetstreamEventToItem(event, 'bluesky-jetstream');
      return 'post' in item ? item.quoted : 'no post';
    };
    const post = 'at://did:plc:xyz/app.bsky.feed.post/3kab';
    expect(quoting({ $type: 'app.bsky.embed.record', record: { uri: post, cid: 'bafy' } })).toBe(post);
    expect(quoting({ $type: 'app.bsky.embed.recordWithMedia', record: { $type: 'app.bsky.embed.record', record: { uri: post, cid: 'bafy' } }, media: { $type: 'app.bsky.embed.images', images: [] } })).toBe(post);
    expect(quoting({ $type: 'app.bsky.embed.record', record: { uri: 'at://did:plc:xyz/app.bsky.feed.generator/tiktok', cid: 'bafy' } })).toBeUndefined();
    expect(quoting({ $type: 'app.bsky.embed.record', record: { uri: 'at://did:plc:xyz/app.bsky.graph.list/3kl', cid: 'bafy' } })).toBeUndefined();
  });

  it('keeps a quoted post and image descriptions apart, and counts quotes as reposts', () => {
    const view = {
      uri: 'at://did:plc:abc/app.bsky.feed.post/3lfq',
      cid: 'bafy',
      author: { did: 'did:plc:abc', handle: 'someone.bsky.social', displayName: 'Someone' },
      record: { $type: 'app.bsky.feed.post', text: 'This aged badly', createdAt: '2025-01-19T05:00:00.000Z', langs: ['en'] },
      embed: {
        $type: 'app.bsky.embed.recordWithMedia#view',
        record: {
          record: {
            $type: 'app.bsky.embed.record#viewRecord',
            uri: 'at://did:plc:xyz/app.bsky.feed.post/3kab',
            author: { did: 'did:plc:xyz', handle: 'senator.senate.gov' },
            value: { $type: 'app.bsky.feed.post', text: 'TikTok will never go dark', createdAt: '2024-12-01T00:00:00.000Z' },
          },
        },
        media: { $type: 'app.bsky.embed.images#view', images: [{ alt: 'RedNote at #1 in the App Store', thumb: 'https://cdn/x', fullsize: 'https://cdn/y' }] },
      },
      replyCount: 3,
      repostCount: 10,
      likeCount: 40,
      quoteCount: 5,
      indexedAt: '2025-01-19T05:00:01.000Z',
    };
    const mapped = postViewToPost(view, 'bluesky-search');
    expect(mapped).toMatchObject({
      post: {
        text: 'This aged badly',
        context_text: 'Quoting @senator.senate.gov: TikTok will never go dark\n\n[image: RedNote at #1 in the App Store]',
        engagement: { likes: 40, reposts: 15, replies: 3 },
      },
    });
  });
});
