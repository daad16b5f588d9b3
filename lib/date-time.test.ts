import { describe, expect, it } from 'vitest';
import { formatAxisTime, formatDateTime, formatTime } from './date-time';

describe('formatDateTime', () => {
  it('writes day, short month, year and the UTC time of day, naming the zone', () => {
    expect(formatDateTime('2026-12-05T19:48:21.842Z')).toBe('5 Dec 2026, 19:48 UTC');
    expect(formatDateTime('2026-12-05T19:48:21.842Z', 'second')).toBe('5 Dec 2026, 19:48:21 UTC');
    expect(formatDateTime('2026-12-05T19:48:21.842Z', 'millisecond')).toBe('5 Dec 2026, 19:48:21.842 UTC');
  });

  it('converts offsets to UTC, so the day can change', () => {
    expect(formatDateTime('2026-12-31T23:30:00-02:00')).toBe('1 Jan 2027, 01:30 UTC');
    expect(formatDateTime('2026-01-01T00:05:00+01:00')).toBe('31 Dec 2025, 23:05 UTC');
  });

  it('takes epoch milliseconds and Date objects, and pads hours, minutes and milliseconds', () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
    expect(formatDateTime(at, 'millisecond')).toBe('2 Jan 2026, 03:04:05.006 UTC');
    expect(formatDateTime(new Date(at))).toBe('2 Jan 2026, 03:04 UTC');
  });

  it('says — for nothing and keeps text it cannot read as it came', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('')).toBe('—');
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime(Number.NaN)).toBe('—');
  });

  it('does not depend on the process time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(formatDateTime('2026-12-05T19:48:00Z')).toBe('5 Dec 2026, 19:48 UTC');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('formatTime and formatAxisTime', () => {
  it('write the time of day alone, with the zone for text and without it on axes', () => {
    expect(formatTime('2026-12-05T19:48:21.842Z')).toBe('19:48:21 UTC');
    expect(formatTime('2026-12-05T19:48:21.842Z', 'minute')).toBe('19:48 UTC');
    expect(formatTime(null)).toBe('—');
    const at = Date.parse('2026-12-05T09:08:07Z');
    expect(formatAxisTime(at, { withDate: false })).toBe('09:08');
    expect(formatAxisTime(at, { withDate: false, precision: 'second' })).toBe('09:08:07');
    expect(formatAxisTime(at, { withDate: true })).toBe('5 Dec 09:08');
  });
});
