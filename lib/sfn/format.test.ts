import { describe, expect, it } from 'vitest';
import { durationBetween, formatBytes, formatDelta, formatDuration } from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [1_000, '1 s'],
    [1_250, '1.25 s'],
    [9_999, '10 s'],
    [42_400, '42 s'],
    [184_000, '3 min 4 s'],
    [120_000, '2 min'],
    [7_500_000, '2 h 5 min'],
    [97_200_000, '1 d 3 h'],
    [null, '—'],
    [Number.NaN, '—'],
  ])('%s ms is %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('other formats', () => {
  it('formats deltas with a sign, durations between instants, bytes', () => {
    expect(formatDelta(1_200)).toBe('+1.2 s');
    expect(formatDelta(-350)).toBe('−350 ms');
    expect(formatDelta(0)).toBe('±0 ms');
    expect(durationBetween('2026-11-27T19:55:21.000Z', '2026-11-27T19:55:22.500Z')).toBe(1_500);
    expect(durationBetween('2026-11-27T19:55:21.000Z', null)).toBeNull();
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(12_600)).toBe('12.3 KB');
  });
});
