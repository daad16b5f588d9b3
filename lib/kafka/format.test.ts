import { describe, expect, it } from 'vitest';

import { compareOffsets, formatAgo, formatOffset, formatTimeLag, formatTimeLagEstimate, parsePartitionList } from './format';

describe('Kafka display helpers', () => {
  it('formats 64-bit offsets exactly and unknown as "unknown"', () => {
    expect(formatOffset('1152921504606846983')).toBe('1,152,921,504,606,846,983');
    expect(formatOffset('0')).toBe('0');
    expect(formatOffset(null)).toBe('unknown');
  });

  it('compares offsets beyond 2^53 and sorts unknown first', () => {
    expect(compareOffsets('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareOffsets(null, '0')).toBe(-1);
    expect(['5', null, '10'].sort(compareOffsets)).toEqual([null, '5', '10']);
  });

  it('says time lag in words', () => {
    expect(formatTimeLag(null)).toBe('unknown');
    expect(formatTimeLag(0.4)).toBe('0 s');
    expect(formatTimeLag(185)).toBe('3 min 5 s');
    expect(formatTimeLag(7800)).toBe('2 h 10 min');
    expect(formatTimeLag(3 * 86400 + 4 * 3600)).toBe('3 d 4 h');
  });

  it('says how long ago a time was', () => {
    expect(formatAgo('2026-11-27T19:44:10.000Z', Date.parse('2026-11-27T19:47:10.000Z'))).toBe('3 min ago');
  });

  it('parses partition lists with ranges', () => {
    expect(parsePartitionList('0, 2,5-7')).toEqual([0, 2, 5, 6, 7]);
    expect(parsePartitionList('x')).toBeNull();
    expect(parsePartitionList('')).toBeNull();
    expect(parsePartitionList('4-2')).toBeNull();
  });
});

describe('formatTimeLagEstimate', () => {
  it('marks a lower bound with ≥ and leaves exact and unknown figures alone', () => {
    expect(formatTimeLagEstimate(125, true)).toBe('≥ 2 min 5 s');
    expect(formatTimeLagEstimate(125, false)).toBe('2 min 5 s');
    expect(formatTimeLagEstimate(null, true)).toBe('unknown');
  });
});
