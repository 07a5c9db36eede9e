import { describe, expect, it } from 'vitest';
import { deadLetter, drop, isContinue, OutcomeTally, pass, reasonOf, type Outcome } from './outcome.ts';

describe('Outcome', () => {
  it('has one constructor per kind', () => {
    expect(pass(3)).toEqual({ kind: 'continue', value: 3 });
    expect(drop('off_topic')).toEqual({ kind: 'drop', reason: 'off_topic' });
    expect(deadLetter('invalid_post', 'text: empty')).toEqual({ kind: 'dead_letter', reason: 'invalid_post', error: 'text: empty' });
  });

  it('isContinue narrows to the value', () => {
    const outcomes: Array<Outcome<string>> = [pass('a'), drop('unchanged'), deadLetter('analysis_failed', 'boom')];
    const values = outcomes.filter(isContinue).map((o) => o.value.toUpperCase());
    expect(values).toEqual(['A']);
  });

  it('labels a value that carries on with reason none, the others with their code', () => {
    expect([pass(1), drop('forgotten'), deadLetter('malformed_job', 'posts: expected array')].map(reasonOf)).toEqual(['none', 'forgotten', 'malformed_job']);
  });
});

describe('OutcomeTally', () => {
  it('sums by step, kind and reason, and skips zero counts', () => {
    const tally = new OutcomeTally();
    tally.add('validate', pass(1));
    tally.add('validate', pass(2));
    tally.add('validate', deadLetter('invalid_post', 'id: missing'));
    tally.add('validate', deadLetter('invalid_post', 'text: missing'));
    tally.add('write', drop('unchanged'), 5);
    tally.add('write', drop('forgotten'), 0);
    expect(tally.entries()).toEqual([
      { step: 'validate', outcome: 'continue', reason: 'none', n: 2 },
      { step: 'validate', outcome: 'dead_letter', reason: 'invalid_post', n: 2 },
      { step: 'write', outcome: 'drop', reason: 'unchanged', n: 5 },
    ]);
  });
});
