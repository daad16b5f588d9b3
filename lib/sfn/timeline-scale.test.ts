import { describe, expect, it } from 'vitest';
import { tickStep, timelineTicks, visibleRowRange } from './timeline-scale';

describe('timeline axis', () => {
  it('picks round steps', () => {
    expect(tickStep(78, 8)).toBe(10);
    expect(tickStep(4_000, 8)).toBe(500);
    expect(tickStep(200_000, 6)).toBe(60_000);
    expect(tickStep(10 * 86_400_000, 5)).toBe(2 * 86_400_000);
  });

  it('covers the whole span', () => {
    expect(timelineTicks(78, 8)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
    expect(timelineTicks(0, 5)).toEqual([0, 1]);
    const ticks = timelineTicks(61_234, 6);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(60_000);
  });
});

describe('visibleRowRange', () => {
  it('windows 5,000 rows to what is on screen plus overscan', () => {
    expect(visibleRowRange(0, 480, 24, 5_000)).toEqual({ first: 0, last: 26 });
    expect(visibleRowRange(24 * 1_000, 480, 24, 5_000)).toEqual({ first: 994, last: 1_026 });
    expect(visibleRowRange(24 * 4_990, 480, 24, 5_000)).toEqual({ first: 4_984, last: 5_000 });
  });
});
