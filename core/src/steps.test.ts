import { describe, expect, it } from 'vitest';
import { validateStep, writeOutcomes } from './steps.ts';

describe('validateStep', () => {
  it('continues with the parsed post', () => {
    const outcome = validateStep({ source: 'test', id: '1', created_at: '2025-01-17T10:15:00Z', text: 'about tiktok' });
    expect(outcome.kind).toBe('continue');
    if (outcome.kind === 'continue') expect(outcome.value).toMatchObject({ source: 'test', id: '1', matched_terms: [] });
  });

  it('dead-letters an invalid post with a fixed code and the failing fields as its error', () => {
    const outcome = validateStep({ source: 'test', id: '1', created_at: 'yesterday' });
    expect(outcome).toMatchObject({ kind: 'dead_letter', reason: 'invalid_post' });
    if (outcome.kind === 'dead_letter') expect(outcome.error).toMatch(/created_at.*; text/);
  });
});

describe('writeOutcomes', () => {
  it('counts stored posts as continuing and unchanged or forgotten ones as dropped', () => {
    expect(writeOutcomes({ inserted: 2, replaced: 1, unchanged: 3, forgotten: 4 })).toEqual([
      { outcome: { kind: 'continue', value: 'inserted' }, n: 2 },
      { outcome: { kind: 'continue', value: 'replaced' }, n: 1 },
      { outcome: { kind: 'drop', reason: 'unchanged' }, n: 3 },
      { outcome: { kind: 'drop', reason: 'forgotten' }, n: 4 },
    ]);
  });
});
