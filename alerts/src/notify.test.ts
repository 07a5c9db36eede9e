import { describe, expect, it } from 'vitest';
import { sliceLinks } from './notify.ts';

const window = { from: '2025-01-13T00:00:00.000Z', to: '2025-01-14T00:00:00.000Z' };
const encoded = 'from=2025-01-13T00%3A00%3A00.000Z&to=2025-01-14T00%3A00%3A00.000Z';

describe('links to a rule slice', () => {
  it('opens the divide for the divide metrics and the Explorer (volume for a z-score) for the others, with the filters', () => {
    expect(sliceLinks({ metric: 'divide_stance', filters: { lang: ['en'] } }, window, 'http://rift.test/')).toEqual({
      view: `http://rift.test/?granularity=day&${encoded}`,
      posts: `http://rift.test/api/posts?${encoded}&lang=en`,
    });
    expect(sliceLinks({ metric: 'volume_zscore', filters: { source: ['demo'] } }, window, '').view).toBe(
      `/explore?${encoded}&source=demo&granularity=day&group_by=actor&metric=volume`,
    );
  });
});
