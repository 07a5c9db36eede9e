import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import stCharacters from 'opencc-js/dict/STCharacters';
import { describe, expect, it } from 'vitest';
import { loadTopicPack, REPO_ROOT } from '@rift/core';
import { calibration, sidesF1 } from './calibration.ts';
import { createAnalyzer } from './index.ts';
import { StanceFeatures } from './stance-features.ts';
import { loadStanceModelFile, StanceModel } from './stance-model.ts';
import { tokenize } from './tokenize.ts';
import { readStanceBackground, readStanceCheck, STANCE_BACKGROUND_FILES } from './training/stance-background.ts';
import { readStatements, STANCE_FILES, trainStance } from './training/train-stance.ts';

const pack = loadTopicPack(path.join(REPO_ROOT, 'core/packs/tiktok-ban.json'));
const analyzer = createAnalyzer(pack);
const shipped = loadStanceModelFile()!;
const DATA = path.resolve(REPO_ROOT, '../shared/data');
const val = readStatements(path.join(DATA, STANCE_FILES.val));

/** Simplified to Traditional, character by character (OpenCC's table), to write test posts in both scripts. */
const TRADITIONAL = new Map(
  stCharacters
    .split('|')
    .map((pair) => pair.split(' '))
    .filter(([from, to]) => from?.length === 1 && to?.length === 1)
    .map(([from, to]) => [from!, to!]),
);
const toTraditional = (text: string): string => [...text].map((c) => TRADITIONAL.get(c) ?? c).join('');

describe('stance never looks at who speaks', () => {
  const author = fc.record(
    {
      handle: fc.oneof(fc.constantFrom('potus', 'mfa_china', 'tiktok_us', 'nytimes', 'SenToddYoung'), fc.string()),
      name: fc.oneof(fc.constantFrom('Sen. Josh Hawley (R-MO)', 'Chinese Foreign Ministry spokesperson', 'TikTok spokesperson', 'Reporter'), fc.string()),
      description: fc.string(),
      verified_domain: fc.constantFrom('senate.gov', 'fmprc.gov.cn', 'tiktok.com', 'nytimes.com', 'example.org'),
    },
    { requiredKeys: [] },
  );
  const source = fc.constantFrom('bluesky', 'mastodon', 'reddit', 'rss', 'federal_register', 'file', 'rednote');

  it('gives the same stance and confidence whatever the author fields and the source', () => {
    fc.assert(
      fc.property(fc.constantFrom(...val.map((r) => r.text)), author, source, (text, who, from) => {
        const bare = analyzer.analyze({ text });
        const spoken = analyzer.analyze({ text, author: who, source: from });
        expect(spoken.stance).toEqual(bare.stance);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('scores from the tokenized text alone', () => {
    // The scorer's only input is the text: there is no parameter through which a speaker could pass.
    expect(StanceModel.prototype.score.length).toBe(1);
  });
});

describe('negation and denial', () => {
  const features = new StanceFeatures(pack);
  const has = (text: string, name: string): boolean => features.extract(tokenize(text)).has(name);

  it('marks a denied threat as negated, in English', () => {
    expect(has('TikTok is a national security threat', 'f:security_threat')).toBe(true);
    expect(has('TikTok is not a national security threat', 'fn:security_threat')).toBe(true);
    expect(has('TikTok is not a national security threat', 'f:security_threat')).toBe(false);
    expect(has('There is no evidence that TikTok shares data with Beijing', 'f:denial')).toBe(true);
  });

  it('marks a denied threat as negated, in Simplified and Traditional Chinese', () => {
    expect(has('TikTok威胁美国国家安全', 'f:security_threat')).toBe(true);
    expect(has('TikTok并没有威胁美国国家安全', 'fn:security_threat')).toBe(true);
    expect(has('TikTok並沒有威脅美國國家安全', 'fn:security_threat')).toBe(true);
    expect(has('TikTok并没有威胁美国国家安全', 'f:security_threat')).toBe(false);
  });

  it('reads a sentence that rejects the word "ban" as a forced sale, not opposition', () => {
    expect(has('This is not a ban, it is a forced sale', 'f:divest_sale')).toBe(true);
    expect(analyzer.analyze({ text: 'This is not a ban, it is a forced sale' }).stance.label).toBe('support_ban');
  });

  it('moves a denial away from support, in both languages', () => {
    const claim = analyzer.analyze({ text: 'TikTok is a national security threat and must divest' }).stance;
    const denial = analyzer.analyze({ text: 'TikTok is not a national security threat' }).stance;
    expect(claim.label).toBe('support_ban');
    expect(denial.label).not.toBe('support_ban');
    expect(analyzer.analyze({ text: 'TikTok威胁美国国家安全，必须剥离' }).stance.label).toBe('support_ban');
    expect(analyzer.analyze({ text: 'TikTok并没有威胁美国国家安全' }).stance.label).not.toBe('support_ban');
  });
});

describe('posts that take no position', () => {
  // Written for this test, not taken from any data file: posts that mention the app, another
  // platform or nothing of the debate. Each is neutral whatever its tone.
  const chatter = [
    'just saw a tiktok of a dog in a tiny hat, made my day',
    'my tiktok feed is all cooking videos now and I am not complaining',
    'That trending song on TikTok is honestly terrible',
    'Why is Instagram now just a worse version of TikTok?',
    'Follow me on tiktok and instagram for more dance covers!',
    'Anyone know how to get the old TikTok layout back? The new one is so confusing',
    'Going to the beach this weekend, cannot wait',
    '今天在抖音上看到一只特别可爱的小猫',
    '这家店的外卖太难吃了，再也不点了',
    '周末和朋友去爬山，天气真好',
  ];

  it('are neutral, in English and Chinese, but for at most one in ten', () => {
    // Measured: the model trained without background posts gave 4 of these 10 a side; the
    // shipped one gives 1 ("Why is Instagram now just a worse version of TikTok?": a sentence
    // that names the app first with a negative word reads like the statements that defend it).
    const sided = chatter.filter((text) => analyzer.analyze({ text }).stance.label !== 'neutral');
    expect(sided.length).toBeLessThanOrEqual(1);
  });

  it('do not keep a post that argues a side from getting it', () => {
    expect(analyzer.analyze({ text: 'Ban TikTok now. It is Chinese spyware and a threat to national security.' }).stance.label).toBe('support_ban');
    expect(analyzer.analyze({ text: "Don't ban TikTok. This ban is unconstitutional and violates free speech." }).stance.label).toBe('oppose_ban');
  });
});

describe('Traditional Chinese', () => {
  it('scores every Chinese validation statement the same in either script', () => {
    const chinese = val.filter((r) => r.lang === 'zh');
    expect(chinese.length).toBeGreaterThan(20);
    let changed = 0;
    for (const row of chinese) {
      const traditional = toTraditional(row.text);
      if (traditional !== row.text) changed++;
      expect(analyzer.analyze({ text: traditional }).stance).toEqual(analyzer.analyze({ text: row.text }).stance);
    }
    expect(changed).toBeGreaterThan(10);
  });
});

describe('calibration', () => {
  it('computes reliability bins and expected calibration error', () => {
    const predictions = [
      ...Array.from({ length: 8 }, (_, i) => ({ confidence: 0.95, correct: i < 9 })),
      ...Array.from({ length: 2 }, () => ({ confidence: 0.55, correct: false })),
    ];
    const c = calibration(predictions);
    expect(c.bins).toEqual([
      { from: 0.5, to: 0.6, n: 2, mean_confidence: 0.55, accuracy: 0 },
      { from: 0.9, to: 1, n: 8, mean_confidence: 0.95, accuracy: 1 },
    ]);
    // 0.8 * |1 - 0.95| + 0.2 * |0 - 0.55| = 0.04 + 0.11
    expect(c.ece).toBeCloseTo(0.15, 6);
  });

  it('computes SemEval F_avg from the two sides only', () => {
    const confusion = { support_ban: { support_ban: 1, oppose_ban: 1 }, oppose_ban: { oppose_ban: 2 }, neutral: { neutral: 5, support_ban: 1 } };
    // support: p 1/2, r 1/2 -> F1 0.5; oppose: p 2/3, r 1 -> F1 0.8
    expect(sidesF1(confusion, ['support_ban', 'oppose_ban'])).toBe(0.65);
  });

  it('gives a side only at or above the abstain threshold, else neutral with a low confidence', () => {
    const model = new StanceModel(pack, shipped);
    for (const row of val) {
      const r = model.score(tokenize(row.text));
      if (r.label !== 'neutral') expect(r.confidence).toBeGreaterThanOrEqual(shipped.abstain_below);
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('the shipped stance model', () => {
  it('is reproduced exactly by training on the training statements', () => {
    const { file } = trainStance(pack, readStatements(path.join(DATA, STANCE_FILES.train)), val, STANCE_FILES, {
      background: readStanceBackground(DATA),
      backgroundFiles: Object.values(STANCE_BACKGROUND_FILES),
      check: readStanceCheck(DATA),
    });
    expect(JSON.parse(JSON.stringify(file))).toEqual(shipped);
  }, 900_000);

  it('states in its card and metrics file the figures the analyzer measures on val', () => {
    const metrics = JSON.parse(readFileSync(path.join(REPO_ROOT, 'analyze/models/stance-metrics.json'), 'utf8'));
    const card = readFileSync(path.join(REPO_ROOT, 'analyze/models/MODEL_CARD_STANCE.md'), 'utf8');
    const counts = { right: 0, n: 0 };
    for (const row of val) {
      counts.n++;
      if (analyzer.analyze({ text: row.text }).stance.label === row.stance) counts.right++;
    }
    expect(metrics.val.accuracy).toBeCloseTo(counts.right / counts.n, 4);
    expect(card).toContain(`| all | ${metrics.cv.macro_f1} | ${metrics.cv.f_avg} |`);
    expect(card).toContain(`| ${metrics.val.macro_f1} | ${metrics.val.f_avg} | ${metrics.val.accuracy} | ${metrics.val.n} |`);
  });
});
