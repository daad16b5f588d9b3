import { describe, expect, it } from 'vitest';

import { benchCostGrid } from './bench';

// Timing is reported by `npm run bench`, never asserted here: test machines vary too much.
describe('benchCostGrid', () => {
  it('recomputes the full 15 × 11 × 2 grid and reports the mean time', () => {
    const result = benchCostGrid(3);
    expect(result.iterations).toBe(3);
    expect(result.scenariosPerGrid).toBe(330);
    expect(Number.isFinite(result.meanMs)).toBe(true);
    expect(result.minMs).toBeLessThanOrEqual(result.meanMs);
    expect(result.maxMs).toBeGreaterThanOrEqual(result.meanMs);
  });
});
