import { describe, expect, it } from 'vitest';
import { ALERT_METRICS, RuleInputSchema } from './rule.ts';

const RULE = { name: 'share', comparator: '>', threshold: 0.5, window: '1h', interval: '5m' };

describe('alert rule metrics', () => {
  it("refuses a share of the source's posts, which hourly points cannot rebuild for a window, and takes the other trend metrics", () => {
    expect(ALERT_METRICS).not.toContain('volume_share_of_source');
    expect(RuleInputSchema.safeParse({ ...RULE, metric: 'volume_share_of_source' }).success).toBe(false);
    expect(RuleInputSchema.safeParse({ ...RULE, metric: 'volume' }).success).toBe(true);
    expect(RuleInputSchema.safeParse({ ...RULE, metric: 'stance_oppose_share' }).success).toBe(true);
  });
});
