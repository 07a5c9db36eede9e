import { describe, expect, it } from 'vitest';
import { FeatureNames } from './stance-features.ts';
import { emitTargetTone } from './stance-targets.ts';
import { tokenize } from './tokenize.ts';

function tone(text: string): string[] {
  const out = new FeatureNames();
  emitTargetTone(tokenize(text), out);
  return [...out].sort();
}

describe('tone toward a target', () => {
  it('reads hostility toward the measure and toward the app apart, sentence by sentence', () => {
    expect(tone('TikTok is wonderful. This ban is a disgrace.')).toEqual(['tv:app +', 'tv:measure -']);
    expect(tone('TikTok is a dangerous spy tool of the CCP')).toEqual(['tv:app -', 'tvo:china -']);
  });

  it('credits the tone to the target a sentence names first', () => {
    expect(tone('A ban on TikTok would be devastating')).toEqual(['tv:measure -', 'tvo:app -']);
    expect(tone('禁止TikTok是愚蠢的')).toEqual(['tv:measure -', 'tvo:app -']);
  });

  it('turns a negated evaluation around', () => {
    expect(tone('The ban is terrible')).toEqual(['tv:measure -']);
    expect(tone('The ban is not terrible at all')).not.toContain('tv:measure -');
  });

  it('takes the debate\'s topics (security, free speech) for topics, not praise', () => {
    expect(tone('TikTok is a national security threat')).toEqual(['tv:app -']);
    expect(tone('This ban is an attack on free speech')).toEqual(['tv:measure -']);
    expect(tone('美国以国家安全为由打压TikTok')).toEqual(['dispute', 'dispute:app', 'dispute:usgov', 'tv:usgov -', 'tvo:app -']);
  });

  it('says nothing when a sentence names a target without judging it', () => {
    expect(tone('Congress will vote on the bill on Tuesday.')).toEqual([]);
  });

  it('reads Chinese in both scripts the same way, negation included', () => {
    expect(tone('美国政府的流氓行径令人愤怒')).toEqual(['tv:usgov -']);
    expect(tone('美國政府的流氓行徑令人憤怒')).toEqual(['tv:usgov -']);
    expect(tone('字节跳动很友好。禁令很荒唐。')).toEqual(['tv:app +', 'tv:measure -']);
    expect(tone('这项禁令并不荒唐')).not.toContain('tv:measure -');
  });
});

describe('dispute', () => {
  it('marks a sentence that calls a claim groundless, with the targets it names', () => {
    expect(tone('The groundless accusation that TikTok threatens national security.')).toEqual(
      expect.arrayContaining(['dispute', 'dispute:app']),
    );
    expect(tone('所谓的TikTok威胁完全是莫须有的')).toEqual(expect.arrayContaining(['dispute', 'dispute:app']));
    expect(tone('所謂的TikTok威脅完全是莫須有的')).toEqual(expect.arrayContaining(['dispute', 'dispute:app']));
    expect(tone('TikTok threatens national security.')).not.toContain('dispute');
  });

  it('marks scare quotes around a claim', () => {
    expect(tone('They banned it in the name of "national security"')).toContain('scare_quote');
    expect(tone('美方以“国家安全”为由打压企业')).toContain('scare_quote');
    expect(tone('They banned it for national security')).not.toContain('scare_quote');
  });
});
