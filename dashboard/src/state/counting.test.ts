import { describe, expect, it } from 'vitest';
import { chartCounting, countingLabel, countingQuery } from './divideMode';
import { explorerExportQuery, explorerTrendsUrl, parseExplorerState, serializeExplorerState } from './explorerState';

describe('how a chart counts', () => {
  it("follows the page's unit and copies, except for the share of a source's posts, which counts every post", () => {
    expect(chartCounting('stance_oppose_share', 'author', 'once')).toEqual({ unit: 'author', copies: 'once' });
    expect(chartCounting('volume_share_of_source', 'author', 'once')).toEqual({ unit: 'post', copies: 'all' });
    expect(countingLabel({ unit: 'author', copies: 'once' })).toBe('per author, copies once');
  });

  it("asks /api/trends only for what differs from its defaults (per post, every copy)", () => {
    expect(countingQuery({ unit: 'post', copies: 'all' })).toEqual({});
    expect(countingQuery({ unit: 'author', copies: 'once' })).toEqual({ unit: 'author', copies: 'once' });
  });
});

describe('the Explorer counts copies once when asked', () => {
  const view = parseExplorerState('?metric=stance_oppose_share&group_by=actor&from=2025-01-01&to=2025-01-31&copies=once');

  it('keeps copies=once in its URL, every copy by default', () => {
    expect(parseExplorerState('?metric=volume').copies).toBe('all');
    expect(view.copies).toBe('once');
    expect(serializeExplorerState(view)).toContain('copies=once');
    expect(serializeExplorerState({ ...view, copies: 'all' })).not.toContain('copies');
  });

  it('asks for copies once, not for the share of the source, and exports the slice counted as the chart', () => {
    expect(explorerTrendsUrl(view)).toContain('copies=once');
    expect(explorerTrendsUrl({ ...view, metric: 'volume', volume: 'source_share' })).not.toContain('copies');
    expect(Object.fromEntries(explorerExportQuery(view))).toMatchObject({ unit: 'post', copies: 'once', from: '2025-01-01T00:00:00.000Z' });
  });
});
