import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow, type TestPost } from '@rift/testing/posts';
import { POSTS_TABLE } from '@rift/core';

// Around TEST_PACK's "TikTok goes dark" (2025-01-19): one public author in three opposes in the
// week before, all three in the week after; the government's two authors never do.
const post = (id: string, day: string, actor: TestPost['actor'], stance: TestPost['stance']): TestPost => ({
  id, created_at: `2025-01-${day}T12:00:00Z`, actor, stance, sentiment: 'neutral', sentiment_score: 0,
});
const POSTS: TestPost[] = [
  post('b1', '13', 'public', 'oppose_ban'), post('b2', '14', 'public', 'neutral'), post('b3', '18', 'public', 'neutral'),
  post('bg1', '15', 'us_government', 'support_ban'), post('bg2', '16', 'us_government', 'neutral'),
  post('a1', '19', 'public', 'oppose_ban'), post('a2', '20', 'public', 'oppose_ban'), post('a3', '25', 'public', 'oppose_ban'),
  post('ag1', '21', 'us_government', 'support_ban'), post('ag2', '22', 'us_government', 'support_ban'),
  // Outside both windows: not counted.
  post('x1', '27', 'public', 'neutral'),
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, POSTS.map(postRow));
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/divide/events', () => {
  it('gives the divide in the window before and after each event, with its interval and n', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/divide/events?window_days=7&correction=none' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ unit: 'author', correction: 'none', window_days: 7 });
    const dark = body.events.find((e: { date: string }) => e.date === '2025-01-19');
    expect(dark.before).toMatchObject({ from: '2025-01-12T00:00:00.000Z', to: '2025-01-19T00:00:00.000Z', n_authors: { public: 3, us_government: 2 } });
    expect(dark.after).toMatchObject({ from: '2025-01-19T00:00:00.000Z', to: '2025-01-26T00:00:00.000Z', n_posts: { public: 3, us_government: 2 } });
    expect(dark.before.oppose_share_diff.value).toBeCloseTo(1 / 3, 12);
    expect(dark.after.oppose_share_diff.value).toBeCloseTo(1, 12);
    expect(dark.before.oppose_share_diff.ci95[0]).toBeLessThan(1 / 3);
    expect(dark.oppose_share_diff_change).toBeCloseTo(2 / 3, 12);
    // No posts around the other event: no divide, and no change.
    const signed = body.events.find((e: { date: string }) => e.date === '2024-04-24');
    expect(signed.before.oppose_share_diff).toBeNull();
    expect(signed.oppose_share_diff_change).toBeNull();
  });
});
