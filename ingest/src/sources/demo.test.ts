import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTopicPack, type PostInput, TermMatcher, validatePost } from '@rift/core';
import { DEMO_RANGE, generateDemoPosts } from './demo.ts';

const PACK = loadTopicPack(fileURLToPath(new URL('../../../core/packs/tiktok-ban.json', import.meta.url)));
// One full-size corpus shared by the tests: generating it is the thing under test, and it is fast.
const posts: PostInput[] = [...generateDemoPosts({ count: 200_000, seed: 42 })];

const between = (from: string, to: string) => posts.filter((p) => p.created_at >= from && p.created_at < to).length;
const isCjk = (s: string) => /[\u3400-\u9fff]/u.test(s);

describe('generateDemoPosts', () => {
  it('yields exactly the requested count, for small counts too', () => {
    expect(posts).toHaveLength(200_000);
    for (const count of [0, 1, 7, 1000]) expect([...generateDemoPosts({ count, seed: 3 })]).toHaveLength(count);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = [...generateDemoPosts({ count: 5000, seed: 9 })];
    const b = [...generateDemoPosts({ count: 5000, seed: 9 })];
    const c = [...generateDemoPosts({ count: 5000, seed: 10 })];
    expect(b).toEqual(a);
    expect(c.map((p) => p.text)).not.toEqual(a.map((p) => p.text));
  });

  it('keeps every post inside DEMO_RANGE', () => {
    const times = posts.map((p) => p.created_at).sort();
    expect(times[0]! >= `${DEMO_RANGE.first}T00:00:00.000Z`).toBe(true);
    expect(times.at(-1)! <= `${DEMO_RANGE.last}T23:59:59.999Z`).toBe(true);
    expect(times[0]!.slice(0, 7)).toBe('2024-03');
    expect(times.at(-1)!.slice(0, 7)).toBe('2025-12');
  });

  it('produces only posts that pass validatePost', () => {
    const failures = posts.map((p) => validatePost(p)).filter((r) => !r.ok);
    expect(failures).toEqual([]);
  });

  it('labels every post as synthetic, everywhere', () => {
    // Plain checks collected into one list: 200k x 8 expect() calls would take seconds.
    const unlabelled = posts.filter(
      (p, n) =>
        p.source !== 'demo' ||
        p.id !== `demo-${n}` ||
        p.url !== `https://demo.rift.invalid/post/${n}` ||
        p.synthetic !== true ||
        !p.author?.description?.startsWith('[Synthetic demo account]') ||
        p.author.verified_domain !== '' ||
        !p.author.handle?.startsWith('synthetic-') ||
        JSON.stringify(p.raw) !== '{"generator":"rift-demo","seed":42,"synthetic":true}',
    );
    expect(unlabelled).toEqual([]);
  });

  it('spikes around the events on a quiet baseline', () => {
    const quietWeek = between('2024-07-08', '2024-07-15');
    expect(quietWeek).toBeGreaterThan(0);
    expect(between('2025-01-13', '2025-01-20')).toBeGreaterThan(15 * quietWeek);
    expect(between('2024-03-13', '2024-03-16')).toBeGreaterThan(3 * quietWeek);
    expect(between('2024-04-24', '2024-04-27')).toBeGreaterThan(2 * quietWeek);
    expect(between('2024-12-06', '2024-12-09')).toBeGreaterThan(2 * quietWeek);
  });

  it('has a daily rhythm: busy American evenings, quiet American mornings (UTC hours)', () => {
    const english = posts.filter((p) => p.lang_hint === 'en');
    const inHours = (hours: number[]) => english.filter((p) => hours.includes(new Date(p.created_at).getUTCHours())).length;
    expect(inHours([0, 1, 22, 23])).toBeGreaterThan(3 * inHours([7, 8, 9, 10]));
  });

  it('mixes public, government and other voices with plausible shares', () => {
    const share = (pattern: RegExp) => posts.filter((p) => pattern.test(p.author?.description ?? '')).length / posts.length;
    expect(share(/fictional\)$|虚构账号/)).toBeGreaterThan(0.8);
    expect(share(/Senator|Representative|Member of Congress|Committee|Department of|White House|Attorney General/)).toBeGreaterThan(0.03);
    expect(share(/reporter|correspondent|newspaper|Columnist|Podcast/i)).toBeGreaterThan(0.02);
    expect(share(/TikTok's company|ByteDance|RedNote|小红书/)).toBeGreaterThan(0.005);
    expect(share(/foreign ministry|state media|外交部|Embassy/)).toBeGreaterThan(0.005);
  });

  it('writes English and Chinese, with Chinese concentrated from the RedNote week on', () => {
    const zh = posts.filter((p) => p.lang_hint === 'zh');
    expect(zh.length).toBeGreaterThan(1000);
    expect(zh.every((p) => isCjk(p.text))).toBe(true);
    const fromRedNote = zh.filter((p) => p.created_at >= '2025-01-13').length;
    expect(fromRedNote / zh.length).toBeGreaterThan(0.8);
    expect(posts.some((p) => p.lang_hint === 'en' && !isCjk(p.text))).toBe(true);
  });

  it('writes many distinct texts that carry the topic pack cues', () => {
    expect(new Set(posts.map((p) => p.text)).size).toBeGreaterThan(20_000);
    const relevance = new TermMatcher(PACK.relevance_terms);
    expect(posts.filter((p) => relevance.find(p.text).length === 0).map((p) => p.text)).toEqual([]);
    const sample = posts.filter((_, i) => i % 50 === 0);
    const oppose = new TermMatcher(PACK.stance_cues.oppose_ban.map((c) => c.term));
    const support = new TermMatcher(PACK.stance_cues.support_ban.map((c) => c.term));
    const hits = (m: TermMatcher) => sample.filter((p) => m.find(p.text).length > 0).length;
    expect(hits(oppose)).toBeGreaterThan(sample.length * 0.3);
    expect(hits(support)).toBeGreaterThan(sample.length * 0.05);
    const profileCues = new TermMatcher(PACK.actor_registry.profile_cues.us_government ?? []);
    const gov = posts.filter((p) => p.author?.handle?.startsWith('synthetic-gov-'));
    expect(gov.every((p) => profileCues.find(p.author?.description ?? '').length > 0)).toBe(true);
  });

  it('generates 200,000 posts fast', () => {
    // CPU time, best of three: other work on the machine (and the parallel test files) stretches
    // wall time without saying anything about the generator.
    let best = Infinity;
    for (let run = 0; run < 3 && best >= 1000; run++) {
      const start = process.cpuUsage();
      let n = 0;
      for (const _ of generateDemoPosts({ count: 200_000, seed: run })) n++;
      expect(n).toBe(200_000);
      const used = process.cpuUsage(start);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    expect(best).toBeLessThan(2000);
  });
});
