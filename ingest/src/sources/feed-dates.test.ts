import { describe, expect, it } from 'vitest';
import { parseFeedDate } from './feed-dates.ts';

const iso = (v: string) => {
  const ms = parseFeedDate(v);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

describe('feed dates', () => {
  it('reads RFC 822 dates with Portuguese, Spanish, German and French day and month names', () => {
    expect(iso('Qua, 15 Jan 2025 10:00:00 -0300')).toBe('2025-01-15T13:00:00.000Z');
    expect(iso('sáb, 18 ene 2025 22:30:00 GMT')).toBe('2025-01-18T22:30:00.000Z');
    expect(iso('Mi, 13 Mär 2024 15:00:00 +0100')).toBe('2024-03-13T14:00:00.000Z');
    expect(iso('Do, 24 Okt 2024 08:00:00 MESZ')).toBe('2024-10-24T06:00:00.000Z');
    expect(iso('lun., 13 janv. 2025 09:15:00 +0100')).toBe('2025-01-13T08:15:00.000Z');
    expect(iso('ven., 17 juil. 2024 12:00:00 GMT')).toBe('2024-07-17T12:00:00.000Z');
    expect(iso('mer., 4 juin 2025 12:00 +0200')).toBe('2025-06-04T10:00:00.000Z');
    expect(iso('Sex, 6 Dez 2024 18:00:00 BRT')).toBe('2024-12-06T21:00:00.000Z');
    expect(iso('Wed, 13 Mar 2024 15:00:00 EDT')).toBe('2024-03-13T19:00:00.000Z');
  });

  it('reads a date written without a zone as UTC, whatever the host zone', () => {
    expect(iso('2025-01-19T04:00:00')).toBe('2025-01-19T04:00:00.000Z');
    expect(iso('2025-01-19 04:00')).toBe('2025-01-19T04:00:00.000Z');
    expect(iso('Sun, 19 Jan 2025 04:00:00')).toBe('2025-01-19T04:00:00.000Z');
    expect(iso('2025-01-19T04:00:00+08:00')).toBe('2025-01-18T20:00:00.000Z');
  });

  it('leaves what it cannot read unread', () => {
    expect(iso('')).toBeUndefined();
    expect(iso('yesterday')).toBeUndefined();
    expect(iso('31 Feb 2025 10:00:00 GMT')).toBeUndefined();
    expect(iso('15 Foo 2025 10:00:00 GMT')).toBeUndefined();
  });
});
