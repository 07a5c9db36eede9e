import { describe, expect, it } from 'vitest';
import { copySignature, copyTextHash, copyTokens, MIN_TOKENS } from './copy-signature.ts';
import { PRESS_RELEASE, SAME_HASHTAG_POSTS, syndicatedCopy } from '@rift/testing/press-release';

const sharedBands = (a: string, b: string) => {
  const [x, y] = [copySignature(a)!, copySignature(b)!];
  return x.bandKeys.filter((key, i) => key === y.bandKeys[i]).length;
};

describe('copy signatures', () => {
  it('give exact copies, retweets and copies with other links the same text hash and every band', () => {
    const variants = [`RT @newsdesk: ${PRESS_RELEASE}`, `${PRESS_RELEASE} https://t.co/xyz`, PRESS_RELEASE.toUpperCase(), `  ${PRESS_RELEASE.replace(/ /g, '  ')}`];
    for (const text of variants) {
      expect(copyTextHash(text)).toBe(copyTextHash(PRESS_RELEASE));
      expect(sharedBands(text, PRESS_RELEASE)).toBe(12);
    }
  });

  it('let every one of 100 syndicated copies with small edits share a band with the release', () => {
    for (let n = 0; n < 100; n++) {
      const copy = syndicatedCopy(n);
      expect(sharedBands(copy, PRESS_RELEASE), copy).toBeGreaterThan(0);
      expect(copyTextHash(copy)).not.toBe(copyTextHash(PRESS_RELEASE));
    }
  });

  it('keep texts that merely share a hashtag and a phrase apart, from each other and from the release', () => {
    for (const a of SAME_HASHTAG_POSTS) {
      expect(sharedBands(a, PRESS_RELEASE)).toBe(0);
      for (const b of SAME_HASHTAG_POSTS) if (a !== b) expect(sharedBands(a, b)).toBe(0);
    }
  });

  it('leave short texts out: many people write the same few words on their own', () => {
    expect(copySignature('Ban it now #TikTokBan')).toBeNull();
    expect(copyTextHash('Ban it now #TikTokBan')).toBe('');
    expect(copyTokens('one two three four five six seven eight')).toHaveLength(MIN_TOKENS);
  });

  it('count each Chinese character as a word, and keep Latin words whole beside them', () => {
    expect(copyTokens('禁止TikTok是错误的 ok')).toEqual(['禁', '止', 'tiktok', '是', '错', '误', '的', 'ok']);
    expect(copySignature('美国政府宣布禁止这个应用程序的新规定')).not.toBeNull();
  });
});
