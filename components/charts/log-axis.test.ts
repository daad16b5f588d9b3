import { describe, expect, it } from 'vitest';

import { forLogAxis, logAxisFor } from './log-axis';

describe('logAxisFor', () => {
  it('spans the positive values with whole powers of ten', () => {
    expect(logAxisFor([0, 0.42, 17, 145015.29])).toEqual({ domain: [0.1, 1_000_000], ticks: [0.1, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000] });
  });

  it('widens a single power of ten to a decade, and gives up on nothing positive', () => {
    expect(logAxisFor([100])).toEqual({ domain: [100, 1_000], ticks: [100, 1_000] });
    expect(logAxisFor([0, 0])).toBeNull();
  });

  it('can end the axis at the data instead, with the powers of ten inside it as ticks', () => {
    expect(logAxisFor([100_000, 10_000_000, 250_000_000], 'data')).toEqual({
      domain: [100_000, 250_000_000],
      ticks: [100_000, 1_000_000, 10_000_000, 100_000_000],
    });
  });

  it('turns zero into a gap', () => {
    expect(forLogAxis(0)).toBeNull();
    expect(forLogAxis(3)).toBe(3);
  });
});
