import { describe, expect, it } from 'vitest';
import { prefillFromSearch, prefillFromView } from './prefill';
import { draftToBody } from './ruleDraft';
import type { SavedView } from './types';

const METRICS = ['volume', 'sentiment_mean', 'stance_oppose_share', 'stance_support_share', 'divide_stance', 'divide_sentiment', 'volume_zscore'];

const view = (page: SavedView['page'], params: Record<string, string>): SavedView => ({
  id: 'v1',
  name: 'Public opposition, English',
  page,
  params,
  url: `/${page === 'explore' ? 'explore' : ''}?${new URLSearchParams(params)}`,
  created_at: '2025-01-20T10:00:00Z',
});

describe('alert rule prefill', () => {
  it('maps an Explorer view to a rule: metric, filters, a window of one chart bucket, and the dates as the backtest range', () => {
    const prefill = prefillFromView(
      view('explore', { metric: 'stance_oppose_share', group_by: 'lang', granularity: 'day', from: '2025-01-01', to: '2025-01-31', actor: 'public', lang: 'en,zh' }),
      METRICS,
    );
    expect(prefill.draft).toMatchObject({ name: 'Public opposition, English', metric: 'stance_oppose_share', window: '1d' });
    expect(draftToBody({ ...prefill.draft, threshold: '0.6' }).filters).toEqual({ actor: ['public'], lang: ['en', 'zh'] });
    expect(prefill.backtest).toEqual({ from: '2025-01-01', to: '2025-01-31' });
    expect(prefill.notes.join(' ')).toMatch(/split by lang; a rule watches the whole filtered slice/);
  });

  it('says what a view holds that a rule cannot use: keyword, minimum confidence, volume as a share, unknown metrics', () => {
    const prefill = prefillFromView(view('explore', { metric: 'volume', volume: 'share', q: 'rednote', min_confidence: '0.8', granularity: 'week' }), METRICS);
    expect(prefill.draft).toMatchObject({ metric: 'volume', window: '1w' });
    expect(prefill.notes).toEqual([
      expect.stringMatching(/share of each bucket; the rule watches the count/),
      expect.stringMatching(/keyword "rednote" is left out/),
      expect.stringMatching(/minimum confidence \(0\.8\) is left out/),
    ]);
    const unknown = prefillFromView(view('explore', { metric: 'reach' }), METRICS);
    expect(unknown.draft.metric).toBe('stance_oppose_share');
    expect(unknown.notes).toEqual([expect.stringMatching(/"reach" cannot be alerted on/)]);
  });

  it('maps a divide view to the divide metric and leaves out an actor filter, which the divide sets itself', () => {
    const prefill = prefillFromView(view('divide', { granularity: 'week', actor: 'public', lang: 'en' }), METRICS);
    expect(prefill.draft.metric).toBe('divide_stance');
    expect(prefill.draft.filters).toMatchObject({ actor: '', lang: 'en' });
    expect(prefill.notes).toEqual([expect.stringMatching(/actor filter is left out/)]);
    expect(prefillFromView(view('divide', { metric: 'sentiment' }), METRICS).draft.metric).toBe('divide_sentiment');
  });

  it('opens the form only for new=1, taking the Explorer parameters of the URL and naming the rule after its slice', () => {
    expect(prefillFromSearch('?metric=volume&actor=public', METRICS)).toBeNull();
    const prefill = prefillFromSearch('?new=1&metric=volume_zscore&source=demo&stance=oppose_ban', METRICS)!;
    expect(prefill.draft).toMatchObject({ metric: 'volume_zscore', name: 'volume_zscore where stance oppose_ban, source demo' });
    expect(draftToBody({ ...prefill.draft, threshold: '3' })).toMatchObject({ baseline_windows: 24, filters: { stance: ['oppose_ban'], source: ['demo'] } });
  });
});
