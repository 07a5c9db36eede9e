import { describe, expect, it } from 'vitest';
import { pageDates } from './imageCaption';
import { wrapText } from './publish';

describe('pageDates', () => {
  it("states the page's last day, not the API's exclusive end", () => {
    expect(pageDates('2024-12-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z')).toBe('1 Dec 2024 to 28 Feb 2025');
  });

  it('keeps the day of an end inside a day', () => {
    expect(pageDates('2025-01-10T00:00:00.000Z', '2025-01-12T15:00:00.000Z')).toBe('10 Jan 2025 to 12 Jan 2025');
  });
});

describe('wrapText', () => {
  it('breaks at spaces so that no line is longer than asked, unless one word is', () => {
    expect(wrapText('n = 715 posts, all synthetic demo data (not real posts).', 20)).toEqual(['n = 715 posts, all', 'synthetic demo data', '(not real posts).']);
    expect(wrapText('Supercalifragilistic word', 10)).toEqual(['Supercalifragilistic', 'word']);
  });
});
