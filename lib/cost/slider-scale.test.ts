import { describe, expect, it } from 'vitest';

import { linearScale, logScale } from './slider-scale';

describe('linearScale', () => {
  const memory = linearScale(128, 10_240, 64);

  it('steps evenly and reaches both ends', () => {
    expect(memory.toValue(0)).toBe(128);
    expect(memory.toValue(1)).toBe(192);
    expect(memory.toValue(memory.maxPosition)).toBe(10_240);
  });

  it('puts any value at its nearest position, clamped to the ends', () => {
    expect(memory.toPosition(2048)).toBe(30);
    expect(memory.toValue(memory.toPosition(2030))).toBe(2048);
    expect(memory.toPosition(1)).toBe(0);
    expect(memory.toPosition(99_999)).toBe(memory.maxPosition);
  });
});

describe('logScale', () => {
  const invocations = logScale(1_000, 10_000_000_000, { allowZero: true });

  it('starts at 0 when allowed, then steps through nice values to the maximum', () => {
    expect(invocations.toValue(0)).toBe(0);
    expect(invocations.toValue(1)).toBe(1_000);
    expect(invocations.toValue(2)).toBe(1_500);
    expect(invocations.toValue(invocations.maxPosition)).toBe(10_000_000_000);
  });

  it('changes the value on every step, so arrow keys always move it', () => {
    for (let position = 1; position <= invocations.maxPosition; position++) {
      expect(invocations.toValue(position)).toBeGreaterThan(invocations.toValue(position - 1));
      expect(invocations.toPosition(invocations.toValue(position))).toBe(position);
    }
  });

  it('finds the nearest nice value on a log scale', () => {
    expect(invocations.toValue(invocations.toPosition(75_000_000))).toBe(75_000_000);
    expect(invocations.toValue(invocations.toPosition(80_000_000))).toBe(75_000_000);
    expect(invocations.toPosition(-5)).toBe(0);
    expect(invocations.toPosition(1e15)).toBe(invocations.maxPosition);
  });

  it('keeps fractional values clean', () => {
    const perMessage = logScale(0.01, 1_000, { allowZero: true });
    expect(perMessage.toValue(perMessage.toPosition(0.15))).toBe(0.15);
    expect(perMessage.toValue(perMessage.toPosition(0.1))).toBe(0.1);
  });
});
