import { describe, expect, it } from 'vitest';
import { ceilToBucket, floorToBucket, parseInstant, resolveRange } from './time-range.ts';

const ms = (iso: string) => Date.parse(iso);
const noData = async () => null;

describe('parseInstant', () => {
  it('reads dates as UTC midnight and honours zones', () => {
    expect(parseInstant('from', '2024-06-03')?.toISOString()).toBe('2024-06-03T00:00:00.000Z');
    expect(parseInstant('from', '2024-06-03T10:15')?.toISOString()).toBe('2024-06-03T10:15:00.000Z');
    expect(parseInstant('from', '2024-06-03T10:15:30.5+02:00')?.toISOString()).toBe('2024-06-03T08:15:30.500Z');
    expect(parseInstant('from', '2024-06-03T10:15:30-0130')?.toISOString()).toBe('2024-06-03T11:45:30.000Z');
    expect(parseInstant('from', '')).toBeUndefined();
  });

  it('refuses impossible dates instead of rolling them over', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '2024-06-03T24:00', '20240603', '2024-06-03Z', 'now']) {
      expect(() => parseInstant('from', bad), bad).toThrow(/not an ISO 8601/);
    }
  });
});

describe('buckets', () => {
  it('floors weeks to Monday 00:00 UTC', () => {
    expect(new Date(floorToBucket(ms('2024-06-09T23:59:59Z'), 'week')).toISOString()).toBe('2024-06-03T00:00:00.000Z');
    expect(new Date(floorToBucket(ms('2024-06-10T00:00:00Z'), 'week')).toISOString()).toBe('2024-06-10T00:00:00.000Z');
    expect(new Date(ceilToBucket(ms('2024-06-10T00:00:01Z'), 'week')).toISOString()).toBe('2024-06-17T00:00:00.000Z');
  });

  it('leaves aligned ends alone', () => {
    expect(ceilToBucket(ms('2024-06-10T00:00:00Z'), 'day')).toBe(ms('2024-06-10T00:00:00Z'));
    expect(ceilToBucket(ms('2024-06-10T05:00:00Z'), 'hour')).toBe(ms('2024-06-10T05:00:00Z'));
  });
});

describe('resolveRange', () => {
  const extent = async () => ({ first: ms('2024-03-01T05:00:00Z'), last: ms('2025-12-31T23:00:00Z') });

  it('keeps an hourly default to the last 92 days of data', async () => {
    const range = await resolveRange({ granularity: 'hour' }, extent);
    expect(range.to.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(range.from.toISOString()).toBe('2025-10-01T00:00:00.000Z');
  });

  it('covers all the data by day', async () => {
    const range = await resolveRange({ granularity: 'day' }, extent);
    expect(range.from.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(range.to.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('does not ask for the data extent when both ends are given', async () => {
    const range = await resolveRange({ from: '2024-06-01', to: '2024-07-01', granularity: 'day' }, () => {
      throw new Error('not needed');
    });
    expect(range.notes).toEqual([]);
  });

  it('gives an empty window ending now when no data is stored', async () => {
    const range = await resolveRange({ granularity: 'day' }, noData);
    expect(range.to.getTime() - range.from.getTime()).toBeLessThanOrEqual(2 * 86_400_000);
  });

  it('caps a missing end at the widest allowed window after from', async () => {
    const range = await resolveRange({ from: '2024-03-01', granularity: 'hour' }, extent);
    expect(range.to.toISOString()).toBe('2024-06-01T00:00:00.000Z');
  });
});
