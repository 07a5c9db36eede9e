import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusRows, rescoreRows } from '@rift/testing/corpus';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow } from '@rift/testing/posts';
import { POSTS_TABLE } from '@rift/core';

let t: TestApp;

/** Three posts in the same second, to prove the tie-break on source and id. */
const TIES = ['t3', 't1', 't2'].map((id, i) => ({
  ...postRow({ id, created_at: '2024-06-05T08:00:00Z', actor: 'media', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0, source: i === 2 ? 'bluesky' : 'demo' }),
  text: id === 't1' ? 'Die RedNote-Flüchtlinge: ÄPFEL und 小红书' : `tie ${id}`,
  stance_confidence: id === 't2' ? 0.7 : 0.9,
}));

beforeAll(async () => {
  t = await createTestApp({ protection: { rateLimitPerMinute: 1_000_000 } });
  await t.clickhouse.insert(POSTS_TABLE, [...corpusRows(), ...TIES]);
  await t.clickhouse.insert(POSTS_TABLE, rescoreRows());
});

afterAll(async () => {
  await t?.close();
});

interface Page {
  posts: Array<{ id: string; source: string; stance: { label: string }; model_version: string; created_at: string; url: string; topics: string[] }>;
  next_cursor: string | null;
}

async function get(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/posts?${query}` });
  return { status: res.statusCode, body: res.json() as Page & { message?: string } };
}

async function ids(query: string): Promise<string[]> {
  const { status, body } = await get(query);
  expect(status, `${query}: ${JSON.stringify(body)}`).toBe(200);
  return body.posts.map((p) => p.id);
}

describe('GET /api/posts', () => {
  it('lists each post once at its newest analysis, in (created_at, source, id) order', async () => {
    const { status, body } = await get('limit=100');
    expect(status).toBe(200);
    // t2 is on bluesky, so it sorts before t1 and t3 (demo) in the same second.
    expect(body.posts.map((p) => p.id)).toEqual(['g1', 'p1', 'p2', 'g2', 'p3', 'p4', 'r1', 't2', 't1', 't3', 'p5', 'g3']);
    const r1 = body.posts.find((p) => p.id === 'r1')!;
    expect(r1).toMatchObject({ stance: { label: 'support_ban' }, model_version: 'lexicon-2', url: 'https://example.test/r1' });
    expect(body.next_cursor).toBeNull();
  });

  it('tests analysis labels after FINAL: an old label neither lets a post in nor keeps it out', async () => {
    // r1 was oppose_ban in its first analysis and is support_ban now.
    expect(await ids('stance=oppose_ban')).toEqual(['p1', 'p2', 'p4']);
    expect(await ids('stance=support_ban')).toEqual(['g1', 'p3', 'r1', 'g3']);
  });

  it('applies every filter: time, actor, lang, source, topic, sentiment', async () => {
    expect(await ids('from=2024-06-03T10:15:00Z&to=2024-06-04')).toEqual(['p1', 'p2', 'g2', 'p3']);
    expect(await ids('actor=us_government')).toEqual(['g1', 'g2', 'g3']);
    expect(await ids('lang=zh')).toEqual(['p2']);
    expect(await ids('source=file,bluesky')).toEqual(['p3', 't2']);
    expect(await ids('topic=free_speech,national_security&actor=public')).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(await ids('sentiment=negative&actor=public')).toEqual(['p2', 'r1']);
  });

  it('finds a keyword in any case, also outside ASCII', async () => {
    expect(await ids('q=äpfel')).toEqual(['t1']);
    expect(await ids(`q=${encodeURIComponent('小红书')}`)).toEqual(['t1']);
    expect(await ids('q=TEST%20POST%20G')).toEqual(['g1', 'g2', 'g3']);
  });

  it('compares min_confidence in Float32, so a stored 0.7 passes min_confidence=0.7', async () => {
    expect(await ids('source=demo,bluesky&from=2024-06-05&to=2024-06-06&min_confidence=0.7')).toEqual(['t2', 't1', 't3']);
    expect(await ids('from=2024-06-05&to=2024-06-06&min_confidence=0.71')).toEqual(['t1', 't3']);
    expect(await ids('from=2024-06-05&to=2024-06-06&min_confidence=0.95&confidence_on=actor')).toEqual([]);
  });

  it('pages with a cursor through ties without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { body }: { body: Page } = await get(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...body.posts.map((p) => p.id));
      cursor = body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen).toEqual(await ids('limit=100'));
  });

  it('refuses bad cursors, limits and parameters with a 400', async () => {
    for (const query of ['cursor=abc', `cursor=${Buffer.from('[1,2,3]').toString('base64url')}`, 'limit=0', 'limit=501', 'limit=x', 'min_confidence=2', 'min_confidence=abc', 'confidence_on=text', 'sort=id', 'from=2024-06-05&to=2024-06-01']) {
      const { status, body } = await get(query);
      expect(status, query).toBe(400);
      expect(body.message, query).toEqual(expect.any(String));
    }
  });

  const HOSTILE = ["'", "' OR 1=1 --", "'); DROP TABLE posts_v1; --", '\\', "\\'", '\0', '`posts_v1`', '%', '%%', '_', 'x'.repeat(300), '\u202e\u200b'];
  it('answers hostile keywords and filters with a 400 or a correct (empty) list, never a 500', async () => {
    for (const value of HOSTILE) {
      for (const name of ['q', 'lang', 'source', 'topic', 'actor', 'from', 'cursor']) {
        const { status, body } = await get(`${name}=${encodeURIComponent(value)}`);
        expect([200, 400], `${name}=${JSON.stringify(value)}: ${JSON.stringify(body)}`).toContain(status);
        if (status === 200) expect(body.posts, `${name}=${JSON.stringify(value)}`).toEqual([]);
      }
    }
    expect((await get('limit=100')).body.posts).toHaveLength(12);
  });
});
