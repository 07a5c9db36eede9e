import { describe, expect, it } from 'vitest';
import { parseViewState, serializeViewState } from './viewState';

describe("the divide's window around each event", () => {
  it('is 14 days unless the URL says 7 or 28', () => {
    expect(parseViewState('?').eventWindow).toBe(14);
    expect(parseViewState('?event_window=28').eventWindow).toBe(28);
    expect(parseViewState('?event_window=30').eventWindow).toBe(14);
    expect(serializeViewState({ ...parseViewState('?'), eventWindow: 7 })).toContain('event_window=7');
    expect(serializeViewState(parseViewState('?'))).not.toContain('event_window');
  });
});
