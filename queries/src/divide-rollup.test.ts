import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActorClass, type Analysis, checkRollups, forgetPosts, isConsistent, type PostRow, seededRandom, toPostRow, validatePost, writePosts } from '@rift/core';
import { createTestDatabase, type TestDatabase } from '@rift/testing/clickhouse';
import { queryDivideModelVersions, queryDivideMoments } from './divide-moments.ts';
import { divideReadPath } from './divide-rollup.ts';
import { queryDivide } from './divide.ts';
import type { PostQuery } from './post-query.ts';
import type { CorrectionPlan } from './stats/correction.ts';

/**
 * The divide read from author_periods_v1 must answer exactly as the divide read from the stored
 * posts: seeded posts over three months from authors who post unevenly (a few heavy posters, some
 * posts without a handle), on and off topic, in three languages, written by the real writer, then
 * partly re-scored (actor, stance, topic relevance and model version change, so -1 copies are
 * written) and one author forgotten. Windows cut through months, lie within one, or are open.
 */

const ACTORS: ActorClass[] = ['public', 'public', 'public', 'us_government', 'media'];
const STANCES = ['support_ban', 'oppose_ban', 'neutral'] as const;
const LANGS = ['en', 'en', 'zh', 'es'];
const START = Date.parse('2024-12-20T00:00:00Z');
const SPAN_DAYS = 75;

function post(i: number, random: () => number, version: string): PostRow {
  // Authors 0-2 write about half the posts; a tenth of posts have no handle (each its own author).
  const heavy = random() < 0.5;
  const handle = random() < 0.1 ? undefined : `u${heavy ? Math.floor(random() * 3) : 3 + Math.floor(random() * 40)}`;
  const created = new Date(START + Math.floor(random() * SPAN_DAYS * 86_400_000)).toISOString();
  const input = { source: random() < 0.7 ? 'bluesky' : 'reddit', id: `p${i}`, created_at: created, text: `post ${i} on the ban`, ...(handle && { author: { handle } }), matched_terms: random() < 0.85 ? ['tiktok'] : [] };
  const valid = validatePost(input);
  if (!valid.ok) throw new Error(valid.reason);
  const analysis: Analysis = {
    sentiment: { label: 'neutral', score: Math.round((random() * 2 - 1) * 1000) / 1000, confidence: 0.8 },
    stance: { label: STANCES[Math.floor(random() * 3)]!, confidence: 0.7 },
    topics: [],
    lang: LANGS[Math.floor(random() * LANGS.length)]!,
    actor: { label: ACTORS[Math.floor(random() * ACTORS.length)]!, confidence: 0.9 },
    model_version: version,
  };
  return toPostRow(valid.post, analysis, new Date());
}

const noCorrection = async (): Promise<CorrectionPlan> => ({ requested: 'none', matrix: null, minLabelled: 1 });

const WINDOWS: Array<Pick<PostQuery, 'from' | 'to'>> = [
  {},
  { from: new Date('2024-12-20T00:00:00Z'), to: new Date('2025-03-05T00:00:00Z') },
  { from: new Date('2024-12-28T00:00:00Z'), to: new Date('2025-02-11T00:00:00Z') },
  { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-02-01T00:00:00Z') },
  { from: new Date('2025-01-05T00:00:00Z'), to: new Date('2025-01-19T00:00:00Z') },
  { from: new Date('2025-01-10T00:00:00Z') },
  { to: new Date('2025-02-15T00:00:00Z') },
];
const FILTERS: PostQuery['filters'][] = [{}, { source: ['reddit'] }, { actor: ['public'] }];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  const random = seededRandom(14);
  const first = Array.from({ length: 1500 }, (_, i) => post(i, random, 'model-1'));
  await writePosts(db.clickhouse, first);
  // Re-score a third of them with new labels (and, for some, a different topic relevance).
  const again = seededRandom(41);
  const rescored = first.filter((_, i) => i % 3 === 0).map((row, i) => {
    const next = post(Number(row.id.slice(1)), seededRandom(1000 + i), 'model-2');
    return { ...row, actor: next.actor, stance: next.stance, lang: next.lang, sentiment_score: next.sentiment_score, model_version: 'model-2', on_topic: again() < 0.2 ? 1 - row.on_topic : row.on_topic, fingerprint: `${row.fingerprint}-2` } as PostRow;
  });
  await writePosts(db.clickhouse, rescored);
  await forgetPosts(db.clickhouse, { kind: 'author', handle: 'u7' }, 'test', { pollMs: 50 });
}, 120_000);
afterAll(() => db?.drop());

describe('the divide from author_periods_v1', () => {
  it('keeps the rollup consistent with the stored posts after re-scores and a forget', async () => {
    const checks = await checkRollups(db.clickhouse);
    expect(checks.length).toBe(4);
    expect(checks.filter((c) => !isConsistent(c))).toEqual([]);
  });

  it('answers whole days with source and actor filters and every copy; reads the posts otherwise', () => {
    const base: PostQuery = { filters: {}, confidenceOn: 'stance', copies: 'all' };
    expect(divideReadPath(base)).toBe('rollup');
    expect(divideReadPath({ ...base, filters: { source: ['reddit'], actor: ['public'] } })).toBe('rollup');
    expect(divideReadPath({ ...base, copies: 'once' })).toBe('posts');
    expect(divideReadPath({ ...base, from: new Date('2025-01-01T06:00:00Z') })).toBe('posts');
    expect(divideReadPath({ ...base, filters: { lang: ['en'] } })).toBe('posts');
    expect(divideReadPath({ ...base, q: 'ban' })).toBe('posts');
    expect(divideReadPath({ ...base, minConfidence: 0.5 })).toBe('posts');
  });

  it('gives the same per-author sums, model versions and divide (values, n, intervals) as the stored posts', async () => {
    let compared = 0;
    for (const window of WINDOWS) {
      for (const filters of FILTERS) {
        const query: PostQuery = { ...window, filters, confidenceOn: 'stance', copies: 'all' };
        const [fromPosts, fromRollup] = await Promise.all([queryDivideMoments(db.clickhouse, query, 'posts'), queryDivideMoments(db.clickhouse, query, 'rollup')]);
        expect([...fromRollup.keys()].sort()).toEqual([...fromPosts.keys()].sort());
        for (const [side, expected] of fromPosts) {
          const got = fromRollup.get(side)!;
          expect({ k: got.k, posts: got.posts, off: got.offTopicPosts, offAuthors: got.offTopicAuthors, smm: got.smm }).toEqual({
            k: expected.k, posts: expected.posts, off: expected.offTopicPosts, offAuthors: expected.offTopicAuthors, smm: expected.smm,
          });
          for (const key of ['sv', 'svv', 'svm', 'ss', 'sss'] as const) got[key].forEach((x, i) => expect(x).toBeCloseTo(expected[key][i]!, 9));
        }
        expect(await queryDivideModelVersions(db.clickhouse, query, 'rollup')).toEqual(await queryDivideModelVersions(db.clickhouse, query, 'posts'));
        for (const unit of ['post', 'author'] as const) {
          const a = await queryDivide(db.clickhouse, query, unit, noCorrection, 'posts');
          const b = await queryDivide(db.clickhouse, query, unit, noCorrection, 'rollup');
          expectSame(b, a, `${unit} ${JSON.stringify(query)}`);
          if (a.sides.public.n_posts > 0) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(30);
  });
});

/** The same structure, integers equal, other numbers to 1e-9 relative: the two paths add the same floats in another order. */
function expectSame(got: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof got === 'number') {
    if (Number.isInteger(expected) && Number.isInteger(got)) expect(got, path).toBe(expected);
    else expect(Math.abs(got - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected && typeof expected === 'object' && got && typeof got === 'object') {
    expect(Object.keys(got).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectSame((got as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    expect(got, path).toEqual(expected);
  }
}
