import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow } from '@rift/testing/posts';
import { POSTS_TABLE } from '@rift/core';

let t: TestApp;

/** A post on `day` of June 2024 with topics and matched terms. */
function post(id: string, day: number, topics: string[], terms: string[]) {
  return {
    ...postRow({ id, created_at: `2024-06-${String(day).padStart(2, '0')}T12:00:00Z`, actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0, topics }),
    matched_terms: terms,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, [
    // Previous window (June 1-3): 4 posts, "security" on all of them, "rednote" on none.
    post('b1', 1, ['security'], ['tiktok']),
    post('b2', 2, ['security'], ['tiktok']),
    post('b3', 2, ['security'], ['tiktok']),
    post('b4', 3, ['security', 'free_speech'], ['tiktok']),
    // Window (June 4-6): 2 posts; "platform_migration" and "rednote" appear, security falls.
    post('n1', 4, ['platform_migration'], ['rednote', 'tiktok']),
    post('n2', 5, ['platform_migration', 'security'], ['rednote']),
    // Outside both windows.
    post('x1', 9, ['platform_migration'], ['rednote']),
  ]);
});

afterAll(async () => {
  await t?.close();
});

async function get(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/movers?${query}` });
  return { status: res.statusCode, body: res.json() };
}

describe('GET /api/movers', () => {
  it('ranks topics and terms by the rise of their share against the window before', async () => {
    const { status, body } = await get('from=2024-06-04&to=2024-06-07');
    expect(status).toBe(200);
    expect(body.window).toMatchObject({ posts: 2, from: '2024-06-04T00:00:00.000Z', to: '2024-06-07T00:00:00.000Z' });
    expect(body.previous).toMatchObject({ posts: 4, from: '2024-06-01T00:00:00.000Z' });
    expect(body.topics.map((m: { item: string }) => m.item)).toEqual(['platform_migration', 'security']);
    expect(body.topics[0]).toMatchObject({ now: 2, before: 0, share_now: 1, share_before: 0, rise: 1 });
    expect(body.topics[1]).toMatchObject({ now: 1, before: 4, rise: -0.5 });
    expect(body.terms.map((m: { item: string }) => m.item)).toEqual(['rednote', 'tiktok']);
    expect(body.terms[1]).toMatchObject({ now: 1, before: 4, rise: -0.5 });
  });

  it('applies the slice filters and the limit, and needs both dates', async () => {
    // The texts are "test post <id>": the keyword keeps n1 now and no post before.
    const { body } = await get('from=2024-06-04&to=2024-06-07&q=post%20n1');
    expect(body.window.posts).toBe(1);
    expect(body.previous.posts).toBe(0);
    expect(body.topics).toEqual([{ item: 'platform_migration', now: 1, before: 0, share_now: 1, share_before: 0, rise: 1 }]);
    const limited = await get('from=2024-06-04&to=2024-06-07&limit=1');
    expect(limited.body.topics).toHaveLength(1);
    expect((await get('from=2024-06-04')).status).toBe(400);
  });
});
