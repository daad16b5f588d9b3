import { describe, expect, it } from 'vitest';

import { sampleCostGridTimings, summariseTimings } from './bench';

// Timing is reported by `npm run bench`, never asserted here: test machines vary too much.
describe('sampleCostGridTimings / summariseTimings', () => {
  it('times one full grid per sample', () => {
    const timings = sampleCostGridTimings(3, undefined, 1);
    expect(timings).toHaveLength(3);
    expect(timings.every((ms) => ms >= 0)).toBe(true);
  });

  it('summarises timings: mean, median, nearest-rank p95, extremes', () => {
    const timings = Array.from({ length: 20 }, (_, index) => index + 1);
    expect(summariseTimings(timings)).toEqual({ runs: 20, meanMs: 10.5, medianMs: 10.5, p95Ms: 19, minMs: 1, maxMs: 20 });
    expect(summariseTimings([3, 1, 2])).toMatchObject({ medianMs: 2, p95Ms: 3 });
    expect(summariseTimings([])).toEqual({ runs: 0, meanMs: 0, medianMs: 0, p95Ms: 0, minMs: 0, maxMs: 0 });
  });
});
