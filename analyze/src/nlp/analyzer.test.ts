import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalysisSchema, loadTopicPack, REPO_ROOT } from '@rift/core';
import { createAnalyzer } from './index.ts';
import { createLexiconEngine } from './sentiment-engine.ts';

const pack = loadTopicPack(path.join(REPO_ROOT, 'core/packs/tiktok-ban.json'));
const analyzer = createAnalyzer(pack);
const run = (text: string, author?: Parameters<typeof analyzer.analyze>[0]['author']) => analyzer.analyze({ text, author });

describe('sentiment', () => {
  it('reads plain positive and negative posts', () => {
    expect(run('I love this, what a great day').sentiment.label).toBe('positive');
    expect(run('This is terrible, I hate it').sentiment.label).toBe('negative');
  });

  it('flips under negation', () => {
    const plain = run('this update is good').sentiment.score;
    const negated = run('this update is not good').sentiment.score;
    expect(plain).toBeGreaterThan(0);
    expect(negated).toBeLessThan(plain);
    expect(run("I don't like it at all").sentiment.label).not.toBe('positive');
  });

  it('reads emoji and emoticons', () => {
    expect(run('new phone 😍😍').sentiment.label).toBe('positive');
    expect(run('new phone 😡👎').sentiment.label).toBe('negative');
    expect(run('ok then :(').sentiment.score).toBeLessThan(run('ok then :)').sentiment.score);
  });

  it('ignores URLs and mentions, reads hashtags and elongation', () => {
    expect(run('@user https://t.co/xyz').sentiment.label).toBe('neutral');
    expect(run('so happyyyy').sentiment.label).toBe('positive');
    expect(run('#happy').sentiment.score).toBeGreaterThan(0);
  });

  it('scores Chinese text', () => {
    const good = run('这家店的菜非常好吃，服务也很好，推荐！');
    const bad = run('太失望了，质量很差，再也不买了');
    expect(good.lang).toBe('zh');
    expect(good.sentiment.label).toBe('positive');
    expect(bad.sentiment.label).toBe('negative');
  });
});

describe('edge cases', () => {
  it('handles empty and whitespace-only text', () => {
    for (const text of ['', '   ', '\n\t']) {
      const a = run(text);
      expect(AnalysisSchema.parse(a)).toEqual(a);
      expect(a.sentiment.label).toBe('neutral');
      expect(a.lang).toBe('und');
      expect(a.topics).toEqual([]);
    }
  });

  it('handles huge texts quickly and within bounds', () => {
    const huge = 'TikTok ban is unconstitutional and I hate it 😡 '.repeat(50_000);
    const started = performance.now();
    const a = run(huge);
    expect(performance.now() - started).toBeLessThan(500);
    expect(AnalysisSchema.parse(a)).toEqual(a);
    expect(a.stance.label).toBe('oppose_ban');
  });

  it('survives odd input', () => {
    for (const text of ['\u0000\uffff', '🇺🇸🇨🇳', ':):):)', '#', '@', '....!!!???', 'a'.repeat(10_000), '\ud83d']) {
      expect(AnalysisSchema.parse(run(text))).toBeTruthy();
    }
    expect(AnalysisSchema.parse(analyzer.analyze({ text: undefined as unknown as string }))).toBeTruthy();
  });
});

describe('stance', () => {
  it('finds opposition, support and neutrality', () => {
    expect(run('Do not ban TikTok! #SaveTikTok').stance.label).toBe('oppose_ban');
    expect(run('TikTok is Chinese spyware and a national security threat. Ban TikTok now.').stance.label).toBe('support_ban');
    expect(run('Watching the game tonight with friends').stance.label).toBe('neutral');
  });

  it('turns negated cues to the other side', () => {
    expect(run('TikTok is not a national security threat, this ban is about control').stance.label).toBe('oppose_ban');
  });

  it('treats joining RedNote in protest as opposition, and a plain welcome as no position', () => {
    expect(run('This ban is wrong, so I am moving to RedNote #TikTokRefugee').stance.label).toBe('oppose_ban');
    expect(run('欢迎TikTok难民来到小红书！').stance.label).toBe('neutral');
  });

  it('keeps worry about China without the ban neutral', () => {
    expect(run('Worried about China and its economy this year').stance.label).toBe('neutral');
  });
});

describe('topics, language, actor', () => {
  it('tags several topics', () => {
    const topics = run('The Supreme Court ruling on TikTok ignores the First Amendment; creators will lose their income').topics;
    expect(topics).toEqual(expect.arrayContaining(['legal_courts', 'free_speech', 'economy_creators']));
  });

  it('detects languages', () => {
    expect(run('The ban takes effect on Sunday and nobody knows what happens next').lang).toBe('en');
    expect(run('美国政府要禁止TikTok，大家都来小红书了').lang).toBe('zh');
    expect(run('これは日本語の文章です').lang).toBe('ja');
    expect(run('Le gouvernement ne veut pas de cette application pour les jeunes').lang).toBe('fr');
    expect(run('🙂🙂').lang).toBe('und');
  });

  it('classifies actors from the registry, domains and profiles', () => {
    expect(run('x', { handle: '@POTUS' }).actor.label).toBe('us_government');
    expect(run('x', { handle: 'energycommerce.house.gov' }).actor.label).toBe('us_government');
    expect(run('x', { handle: 'someagency.gov' }).actor.label).toBe('us_government');
    expect(run('x', { handle: 'a', verified_domain: 'fmprc.gov.cn' }).actor.label).toBe('foreign_government');
    expect(run('x', { handle: 'jane', description: 'Tech reporter at a daily newspaper' }).actor.label).toBe('media');
    expect(run('x', { handle: 'rep', name: 'Rep. Smith', description: 'U.S. Representative for Ohio' }).actor.label).toBe('us_government');
    expect(run('x', { handle: 'me.bsky.social', description: 'mom, baker' }).actor.label).toBe('public');
    expect(run('x').actor.label).toBe('public');
  });
});

it('records the model version', () => {
  expect(run('hello').model_version).toBe(analyzer.modelVersion);
  expect(analyzer.modelVersion).toMatch(/tiktok-ban/);
});

describe('lexicon fallback (used when no model is shipped)', () => {
  const lexicon = createAnalyzer(pack, { sentiment: createLexiconEngine() });
  it('handles negation, emoji and Chinese', () => {
    expect(lexicon.analyze({ text: 'this is good' }).sentiment.label).toBe('positive');
    expect(lexicon.analyze({ text: 'this is not good' }).sentiment.label).toBe('negative');
    expect(lexicon.analyze({ text: 'ok 😡😡' }).sentiment.label).toBe('negative');
    expect(lexicon.analyze({ text: '服务很好，非常满意' }).sentiment.label).toBe('positive');
    expect(lexicon.analyze({ text: '' }).sentiment.label).toBe('neutral');
    expect(lexicon.modelVersion).toMatch(/lexicon/);
  });
});
