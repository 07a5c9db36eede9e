import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTS_TABLE } from '@rift/core';
import { createTestApp, type TestApp } from '@rift/testing/app';
import { postRow, type TestPost } from '@rift/testing/posts';
import { queryPostPage } from './post-page.ts';
import { parsePostQuery, type PostQueryInput } from './post-query.ts';

/**
 * A cluster of four copies over two days (its first post "a" public, a copy by the government, one
 * copy re-scored and one forgotten), a cluster of two, and posts of their own.
 */
let t: TestApp;

const post = (id: string, day: number, more: Partial<TestPost> = {}): TestPost => ({
  id, created_at: `2025-01-0${day}T10:00:0${id.length % 10}Z`, actor: 'public', stance: 'oppose_ban', sentiment: 'neutral', sentiment_score: 0, ...more,
});
const row = (p: TestPost, cluster?: string) => ({ ...postRow(p), ...(cluster && { copy_cluster: cluster }) });

beforeAll(async () => {
  t = await createTestApp();
  await t.clickhouse.insert(POSTS_TABLE, [
    row(post('a', 1)),
    row(post('a2', 1), 'demo:a'),
    row(post('a3', 2, { actor: 'us_government' }), 'demo:a'),
    row(post('a4', 2), 'demo:a'),
    row(post('a5', 2), 'demo:a'),
    row(post('b', 1)),
    row(post('b2', 2), 'demo:b'),
    row(post('own', 1)),
  ]);
  // a4 re-scored (same cluster, a newer version); a5 forgotten (sign = -1 at a newer version).
  await t.clickhouse.insert(POSTS_TABLE, [
    row(post('a4', 2, { stance: 'neutral', version: 2 }), 'demo:a'),
    row(post('a5', 2, { version: 2, sign: -1 }), 'demo:a'),
  ]);
});

afterAll(async () => {
  await t?.close();
});

const page = (input: PostQueryInput) => queryPostPage(t.clickhouse, parsePostQuery(input), 50);
const sizes = async (input: PostQueryInput) => Object.fromEntries((await page(input)).posts.map((p) => [p.id, p.copy_cluster_size]));

describe('the drill-down page', () => {
  it("gives each post its copy cluster's size over every stored post, whatever the slice", async () => {
    // The filters keep day 1's public posts; the sizes count the clusters' posts on day 2 and the government's too.
    expect(await sizes({ from: '2025-01-01', to: '2025-01-02', actor: 'public' })).toEqual({ a: 4, a2: 4, b: 2, own: 1 });
    expect(await sizes({ copy_cluster: 'demo:a' })).toEqual({ a: 4, a2: 4, a3: 4, a4: 4 });
    expect((await page({ copy_cluster: 'demo:a' })).posts).toHaveLength(4);
  });
});
