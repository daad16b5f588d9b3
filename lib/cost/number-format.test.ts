import { describe, expect, it } from 'vitest';

import { formatCount, formatCountCompact, formatDollarDelta, formatDollars, formatDollarsCompact, formatFigure, formatGbSeconds } from './number-format';

describe('number formatting for the cost page', () => {
  it('shows dollars to the cent with separators', () => {
    expect(formatDollars(145015.29)).toBe('$145,015.29');
    expect(formatDollars(0)).toBe('$0.00');
    expect(formatDollars(6.7)).toBe('$6.70');
  });

  it('shortens axis ticks', () => {
    expect(formatDollarsCompact(145015.29)).toBe('$145K');
    expect(formatDollarsCompact(1_250_000)).toBe('$1.25M');
    expect(formatDollarsCompact(0.5)).toBe('$0.5');
    expect(formatCountCompact(75_000_000)).toBe('75M');
    expect(formatCountCompact(250)).toBe('250');
  });

  it('writes counts in full and differences with a sign', () => {
    expect(formatCount(75_000_000)).toBe('75,000,000');
    expect(formatCount(0.1)).toBe('0.1');
    expect(formatDollarDelta(1200)).toBe('+$1,200.00');
    expect(formatDollarDelta(-3.5)).toBe('−$3.50');
    expect(formatDollarDelta(0)).toBe('$0.00');
  });

  it('rounds derived figures for reading', () => {
    expect(formatGbSeconds(73_234_863.28125)).toBe('73,234,863 GB-s');
    expect(formatGbSeconds(298_828.125)).toBe('298,828 GB-s');
    expect(formatFigure(12.3456)).toBe('12.35');
    expect(formatFigure(0.2)).toBe('0.2');
    expect(formatFigure(99.999)).toBe('100');
  });
});
