import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActorClass, CopyClusters, type StanceLabel, toPostRow, validatePost, writePosts } from '@rift/core';
import { PRESS_RELEASE, SAME_HASHTAG_POSTS, syndicatedCopy } from '@rift/testing/press-release';
import { createTestApp, type TestApp } from '@rift/testing/app';

/**
 * A government press release and 100 public copies of it with small edits (outlets, retweets),
 * next to 36 public authors who wrote their own posts, and 12 government authors. Written
 * through the posts writer with the copy-cluster index, as the analyze worker writes.
 */
interface Spec {
  source: string;
  id: string;
  text: string;
  author: string;
  actor: ActorClass;
  stance: StanceLabel;
  minute: number;
}

const SPECS: Spec[] = [
  { source: 'rss', id: 'release', text: PRESS_RELEASE, author: 'commerce', actor: 'us_government', stance: 'support_ban', minute: 0 },
  ...Array.from({ length: 100 }, (_, n): Spec => ({ source: 'bluesky', id: `copy-${n}`, text: syndicatedCopy(n), author: `outlet-${n}`, actor: 'public', stance: 'support_ban', minute: 10 + n })),
  ...SAME_HASHTAG_POSTS.map((text, i): Spec => ({ source: 'bluesky', id: `own-${i}`, text, author: `voice-${i}`, actor: 'public', stance: 'oppose_ban', minute: 5 })),
  ...Array.from({ length: 30 }, (_, i): Spec => ({ source: 'bluesky', id: `short-${i}`, text: `No ban please, says ${i}`, author: `short-${i}`, actor: 'public', stance: 'oppose_ban', minute: 6 })),
  ...Array.from({ length: 12 }, (_, i): Spec => ({ source: 'rss', id: `gov-${i}`, text: `Statement ${i} on the app`, author: `gov-${i}`, actor: 'us_government', stance: i < 6 ? 'support_ban' : 'neutral', minute: 7 })),
];

function row(spec: Spec) {
  const created_at = new Date(Date.UTC(2025, 0, 10, 9, spec.minute)).toISOString();
  const valid = validatePost({ source: spec.source, id: spec.id, created_at, text: spec.text, author: { handle: spec.author }, matched_terms: ['tiktok'] });
  if (!valid.ok) throw new Error(valid.reason);
  return toPostRow(valid.post, {
    sentiment: { label: 'neutral', score: 0, confidence: 0.8 },
    stance: { label: spec.stance, confidence: 0.9 },
    topics: [],
    lang: 'en',
    actor: { label: spec.actor, confidence: 0.9 },
    model_version: 'lexicon-1',
  }, new Date());
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const clusters = new CopyClusters(t.redis, t.queuePrefix);
  // The release is written first, its copies later, in batches, as they arrive from the feeds.
  const rows = SPECS.map(row);
  for (let i = 0; i < rows.length; i += 40) await writePosts(t.clickhouse, rows.slice(i, i + 40), Date.now(), undefined, clusters);
});
afterAll(async () => {
  await t?.close();
});

async function get(url: string) {
  const res = await t.app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

describe('copies counted once', () => {
  it('reads the divide with each copy cluster once by default, and every copy with copies=all', async () => {
    const once = (await get('/api/divide?unit=post&correction=none')).json();
    expect(once.copies).toBe('once');
    // The release's cluster counts once, for its first post: the government's.
    expect(once.sides.public).toMatchObject({ n_posts: 36, n_authors: 36, oppose_share: 1 });
    expect(once.sides.us_government).toMatchObject({ n_posts: 13, n_authors: 13 });
    const all = (await get('/api/divide?unit=post&correction=none&copies=all')).json();
    expect(all.copies).toBe('all');
    expect(all.sides.public).toMatchObject({ n_posts: 136, n_authors: 136 });
    expect(all.sides.public.oppose_share).toBeCloseTo(36 / 136, 10);
    expect(once.definition).toContain('copies=once');
  });

  it('reads trends with each copy cluster once, from the stored posts, per post and per author', async () => {
    const trend = async (query: string) => (await get(`/api/trends?from=2025-01-10&to=2025-01-11&granularity=day&${query}`)).json();
    const points = (body: { series: Array<{ key: string; points: Array<Record<string, number>> }> }) => body.series.find((s) => s.key === 'all')!.points;
    const onceVolume = await trend('metric=volume&copies=once');
    expect(onceVolume.copies).toBe('once');
    expect(points(onceVolume)[0]).toMatchObject({ value: 49, n_authors: 49 });
    expect(onceVolume.notes.join(' ')).toContain('copies=once');
    expect(points(await trend('metric=volume'))[0]).toMatchObject({ value: 149, n_authors: 149 });
    const share = await trend('metric=stance_support_share&group_by=actor&copies=once');
    const pub = share.series.find((s: { key: string }) => s.key === 'public');
    expect(pub.points[0]).toMatchObject({ value: 0, n_posts: 36 });
    const perAuthor = await trend('metric=stance_support_share&group_by=actor&copies=once&unit=author');
    expect(perAuthor.series.find((s: { key: string }) => s.key === 'public').points[0]).toMatchObject({ value: 0, n_authors: 36 });
    const refused = await t.app.inject({ method: 'GET', url: '/api/trends?metric=volume_share_of_source&copies=once' });
    expect(refused.statusCode).toBe(400);
  });

  it('exports one row per copy cluster with copies=once, with the cluster and its size', async () => {
    const columns = 'source,id,copy_cluster,copy_cluster_size';
    const lines = (body: string) => body.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const once = lines((await get(`/api/export?format=jsonl&copies=once&columns=${columns}`)).body);
    expect(once).toHaveLength(49);
    expect(once.find((r) => r.id === 'release')).toEqual({ source: 'rss', id: 'release', copy_cluster: 'rss:release', copy_cluster_size: 101 });
    expect(once.filter((r) => r.copy_cluster_size !== 1)).toHaveLength(1);
    const all = lines((await get(`/api/export?format=jsonl&columns=${columns}`)).body);
    expect(all).toHaveLength(149);
    expect(all.filter((r) => r.copy_cluster === 'rss:release').map((r) => r.copy_cluster_size)).toEqual(Array(101).fill(101));
    const csv = (await get('/api/export?copies=once&columns=id,copy_cluster&source=rss')).body;
    expect(csv).toContain('"release","rss:release"');
  });

  it('lists a copy cluster\'s members in the drill-down, each post with its cluster', async () => {
    const first = (await get('/api/posts?source=rss&limit=500')).json();
    expect(first.posts.find((p: { id: string }) => p.id === 'release').copy_cluster).toBe('rss:release');
    expect(first.posts.find((p: { id: string }) => p.id === 'gov-0').copy_cluster).toBe('rss:gov-0');
    // The size counts the whole cluster, its 100 public copies too, though the slice is the release's feed.
    expect(first.posts.find((p: { id: string }) => p.id === 'release').copy_cluster_size).toBe(101);
    expect(first.posts.find((p: { id: string }) => p.id === 'gov-0').copy_cluster_size).toBe(1);
    const members = (await get('/api/posts?copy_cluster=rss:release&limit=500')).json();
    expect(members.filters.copy_cluster).toBe('rss:release');
    expect(members.posts).toHaveLength(101);
    expect(members.posts[0].id).toBe('release');
    const page = (await get('/api/posts?copy_cluster=rss:release&limit=60')).json();
    const rest = (await get(`/api/posts?copy_cluster=rss:release&limit=60&cursor=${page.next_cursor}`)).json();
    expect(page.posts.length + rest.posts.length).toBe(101);
    expect(rest.next_cursor).toBeNull();
  });

  it('records unit, copies and correction in the export sidecar, with their definitions', async () => {
    const m = (await get('/api/export/methodology?copies=once&unit=post&correction=none')).json();
    expect(m.counting).toMatchObject({ unit: 'post', copies: 'once', correction: 'none' });
    expect(m.counting.definitions.copies).toContain('MinHash');
    expect(m.counting.definitions.unit).toContain('one voice per author');
    expect(m.counting.definitions.correction).toContain('classify-and-count');
    expect(m.row_count).toBe(49);
    const defaults = (await get('/api/export/methodology')).json();
    expect(defaults.counting).toMatchObject({ unit: 'author', copies: 'all', correction: 'confusion' });
    expect(defaults.row_count).toBe(149);
    const bad = await t.app.inject({ method: 'GET', url: '/api/export?copies=twice' });
    expect(bad.statusCode).toBe(400);
  });
});
