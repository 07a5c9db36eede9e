import { describe, expect, it } from 'vitest';
import { errorsFor, fieldErrors } from './ruleErrors';

describe('rule form errors', () => {
  it("places each of the API's problems next to its field, keeping a problem's own semicolons", () => {
    const errors = fieldErrors(
      'window: window must be whole hours (1h, 6h, 1d); filters.stance: stance: unknown value "maybe"; expected one of support_ban, oppose_ban, neutral; recovery_threshold: recovery_threshold must be at most threshold for comparator >',
    );
    expect(errorsFor(errors, 'window')).toEqual(['window must be whole hours (1h, 6h, 1d)']);
    expect(errorsFor(errors, 'filters.stance')).toEqual(['stance: unknown value "maybe"; expected one of support_ban, oppose_ban, neutral']);
    expect(errorsFor(errors, 'recovery_threshold')).toHaveLength(1);
  });

  it('reads schema errors too, including those of a backtested rule', () => {
    const errors = fieldErrors('missing parameter "threshold"; rule.channels.webhook.url must match format "uri"');
    expect(errorsFor(errors, 'threshold')).toEqual(['is required']);
    expect(errorsFor(errors, 'channels.webhook')).toEqual(['must match format "uri"']);
  });
});
