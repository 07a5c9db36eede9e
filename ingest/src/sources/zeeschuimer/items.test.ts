import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validatePost, type Post } from '@rift/core';
import { countFrom } from './item-fields.ts';
import { looksLikeZeeschuimer, readZeeschuimerBody, readZeeschuimerFile, type ZeeschuimerRow } from './read.ts';
import { sourceOfPlatform } from './envelope.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

async function rows(name: string): Promise<ZeeschuimerRow[]> {
  const out: ZeeschuimerRow[] = [];
  for await (const row of readZeeschuimerFile(fixture(name))) out.push(row);
  return out;
}

/** The posts of a file, validated as the producer will validate them. */
function posts(all: ZeeschuimerRow[]): Post[] {
  return all.flatMap((r) => {
    if (!('post' in r)) return [];
    const checked = validatePost(r.post);
    if (!checked.ok) throw new Error(checked.reason);
    return [checked.post];
  });
}

describe('platform counts', () => {
  it('reads counts as RedNote and Douyin show them', () => {
    expect(countFrom('1.2万')).toBe(12_000);
    expect(countFrom('10万+')).toBe(100_000);
    expect(countFrom('1,204')).toBe(1204);
    expect(countFrom(42)).toBe(42);
    expect(countFrom('赞')).toBeUndefined();
    expect(countFrom('')).toBeUndefined();
  });
});

describe('Zeeschuimer platforms', () => {
  it('files RedNote, TikTok and Douyin modules under their Rift sources and nothing else', () => {
    expect(sourceOfPlatform('xiaohongshu.com')).toBe('rednote');
    expect(sourceOfPlatform('xiaohongshu-comments')).toBe('rednote');
    expect(sourceOfPlatform('www.tiktok.com')).toBe('tiktok');
    expect(sourceOfPlatform('tiktok-comments')).toBe('tiktok');
    expect(sourceOfPlatform('douyin.com')).toBe('douyin');
    expect(sourceOfPlatform('instagram.com')).toBeUndefined();
    expect(sourceOfPlatform('tiktokish.example')).toBeUndefined();
  });
});

describe('RedNote notes from the web API', () => {
  it('maps search results, a user-page card, a stub, a repeat and a broken line, each as what it is', async () => {
    const all = await rows('rednote-api.ndjson');
    expect(all.map((r) => Object.keys(r).find((k) => k !== 'line'))).toEqual(['post', 'post', 'stub', 'duplicate', 'error', 'post']);
    expect(all[4]).toMatchObject({ line: 5, error: expect.stringMatching(/^invalid JSON/) });
    expect(all[2]).toMatchObject({ stub: expect.stringMatching(/RedNote tile without post content/) });
    const [full, titleOnly, card] = posts(all);
    expect(full).toMatchObject({
      source: 'rednote',
      id: '6784f0a2000000001a03c8e1',
      url: 'https://www.xiaohongshu.com/explore/6784f0a2000000001a03c8e1?xsec_token=ABk3Yq1xT8vQ%3D',
      author: { handle: '5f1a2b3c000000000101d4e5', name: 'Sarah 🌸' },
      created_at: '2025-01-13T08:00:00.000Z',
      engagement: { likes: 12_000, reposts: 88, replies: 356 },
      missing_fields: [],
    });
    expect(full!.text).toBe('TikTok难民报到 🇺🇸➡️📕\n\n大家好！我是从TikTok来的，听说这里的猫很多 🐱 #TikTok难民[话题]# #小红书[话题]#');
    // A search result has no body and no time: listed, and dated by its capture.
    expect(titleOnly).toMatchObject({
      text: 'Hello from Ohio! Is this the new TikTok? 👋',
      created_at: '2025-01-21T12:00:00.000Z',
      engagement: { likes: 100_000, reposts: 0, replies: 1204 },
      missing_fields: ['created_at', 'engagement.reposts', 'body'],
    });
    expect(card).toMatchObject({ id: '6786d0e5000000001d03f4c8', text: '美国朋友们的第一条笔记 😂', missing_fields: ['created_at', 'engagement.reposts', 'engagement.replies', 'body'] });
  });
});

describe('RedNote notes from embedded page JSON, HTML tiles and comments', () => {
  it('reads camelCase page state and appends tags the text does not carry', async () => {
    const [again, staying, chinese] = posts(await rows('rednote-embedded.ndjson'));
    expect(again).toMatchObject({ id: '6784f0a2000000001a03c8e1', engagement: { likes: 13_000, reposts: 95, replies: 402 }, missing_fields: [] });
    expect(staying!.text).toBe("Why I'm staying on RedNote after the ban\n\nTikTok is back but I'm staying here 💅 the ban made me find this place #tiktokrefugee\n#RedNote");
    expect(chinese).toMatchObject({
      author: { name: '成都小吃货' },
      created_at: '2025-01-14T08:00:00.000Z',
      engagement: { likes: 88_000, reposts: 11_000, replies: 5321 },
    });
    expect(chinese!.text).toBe('欢迎TikTok难民\n\n美国网友来了，我们用猫税欢迎他们🐱🐱\n#猫税 #中美网友');
  });

  it('keeps an HTML tile with what it has, lists the rest, and counts a tile without a title as a stub', async () => {
    const all = await rows('rednote-html.ndjson');
    expect(all[1]).toMatchObject({ stub: 'RedNote HTML tile without a title' });
    expect(posts(all)).toEqual([
      expect.objectContaining({
        id: '678ac4d9000000002106c7fb',
        url: 'https://www.xiaohongshu.com/explore/678ac4d9000000002106c7fb',
        text: 'TikTok要被禁了吗？美国人都来小红书了',
        author: expect.objectContaining({ handle: '', name: '小明同学' }),
        created_at: '2025-01-15T08:00:00.000Z',
        engagement: { likes: 23_000, reposts: 0, replies: 0 },
        missing_fields: ['created_at', 'author.handle', 'engagement.reposts', 'engagement.replies', 'body'],
      }),
    ]);
  });

  it('maps comments to their note and counts an image-only comment as a stub', async () => {
    const all = await rows('rednote-comments.ndjson');
    expect(all[1]).toMatchObject({ stub: expect.stringMatching(/without text/) });
    const [welcome, never] = posts(all);
    expect(welcome).toMatchObject({
      source: 'rednote',
      id: '6784f9aa000000001303b2c1',
      url: 'https://www.xiaohongshu.com/explore/6784f0a2000000001a03c8e1',
      text: 'Welcome to RedNote!! 欢迎欢迎 🎉 交猫税了吗',
      author: { handle: '5b00000000000000000000e4', name: '上海阿姨' },
      created_at: '2025-01-13T20:26:40.000Z',
      engagement: { likes: 89, reposts: 0, replies: 3 },
    });
    expect(never!.missing_fields).toEqual([]);
  });
});

describe('TikTok and Douyin', () => {
  it('maps API videos with their handle in the permalink and counts a captionless video as a stub', async () => {
    const all = await rows('tiktok-api.ndjson');
    expect(all[1]).toMatchObject({ stub: expect.stringMatching(/TikTok video 7462345678901234567 without a caption/) });
    const [gone, chinese] = posts(all);
    expect(gone).toMatchObject({
      source: 'tiktok',
      id: '7461234567890123456',
      url: 'https://www.tiktok.com/@creator.jane/video/7461234567890123456',
      author: { handle: 'creator.jane', name: 'Jane Creates', description: 'small business owner 🧁' },
      created_at: '2025-01-19T00:00:00.000Z',
      lang_hint: 'en',
      engagement: { likes: 120_345, reposts: 5034, replies: 2310 },
      missing_fields: [],
    });
    expect(chinese).toMatchObject({ text: '美国要禁TikTok了，我们去小红书吧 📕 #TikTok难民', created_at: '2025-01-14T08:00:00.000Z' });
  });

  it('maps embedded videos (author as a handle) and lists the counts an item lacks', async () => {
    const [, congress] = posts(await rows('tiktok-embedded.ndjson'));
    expect(congress).toMatchObject({
      url: 'https://www.tiktok.com/@civics.teacher/video/7345678901234567890',
      author: { handle: 'civics.teacher', name: 'Mr. Civics' },
      created_at: '2024-03-14T00:00:00.000Z',
      missing_fields: ['engagement.likes', 'engagement.reposts', 'engagement.replies'],
    });
    expect(congress!.text).toBe('Congress voted 352-65 to ban us. Call your senators today 📞 #savetiktok\n#congress');
  });

  it('maps comments with their share link and language', async () => {
    const [bye, zh] = posts(await rows('tiktok-comments.ndjson'));
    expect(bye).toMatchObject({ id: '7461300000000000001', url: expect.stringContaining('share_comment_id=7461300000000000001'), lang_hint: 'en', engagement: { likes: 512, reposts: 0, replies: 12 } });
    expect(zh).toMatchObject({ text: '小红书见！', lang_hint: 'zh-Hans', missing_fields: ['author.handle', 'engagement.replies'] });
  });

  it('maps Douyin API and embedded videos and counts a live stream as a stub', async () => {
    const api = await rows('douyin-api.ndjson');
    expect(api[1]).toMatchObject({ stub: 'Douyin live stream, not a post' });
    expect(posts(api)[0]).toMatchObject({
      source: 'douyin',
      url: 'https://www.douyin.com/video/7459876543210987654',
      text: '美国网友涌入小红书 #TikTok难民 #小红书\n#中美',
      author: { handle: 'MS4wLjABAAAAnews', name: '新闻观察' },
      engagement: { likes: 45_000, reposts: 1800, replies: 3200 },
    });
    expect(posts(await rows('douyin-embedded.ndjson'))[0]).toMatchObject({ id: '7460111111111111111', created_at: '2025-01-19T08:00:00.000Z', engagement: { likes: 12_000 } });
  });
});

describe('reading an export', () => {
  it('recognises a Zeeschuimer export despite a broken line, and not a plain JSONL file', async () => {
    expect(await looksLikeZeeschuimer(fixture('rednote-api.ndjson'))).toBe(true);
    const body = '{"id":"p1","text":"hello","created_at":"2025-01-14T00:00:00Z"}\n';
    const rowsOfBody: ZeeschuimerRow[] = [];
    for await (const row of readZeeschuimerBody(body)) rowsOfBody.push(row);
    expect(rowsOfBody).toEqual([{ line: 1, error: expect.stringMatching(/not a Zeeschuimer item/) }]);
  });
});
