import {
  type CostGridInput,
  DEFAULT_BATCH_SIZES,
  DEFAULT_COST_GRID_BASE,
  DEFAULT_MESSAGES_PER_DAY,
  computeCostGrid,
} from './cost-grid';
import { ARCHITECTURES } from './price-table';

/**
 * How long the cost page's full grid takes to recompute (it reruns on every form change, in the
 * browser). The target is well under 5 ms. `npm run bench` prints this; tests never time it.
 */

export interface CostGridBenchmark {
  readonly iterations: number;
  /** Scenarios priced per grid: batch sizes × volumes × architectures. */
  readonly scenariosPerGrid: number;
  readonly meanMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** The full grid the page draws: 15 batch sizes × 11 volumes × 2 architectures. */
export const FULL_COST_GRID_INPUT: CostGridInput = {
  base: DEFAULT_COST_GRID_BASE,
  batchSizes: DEFAULT_BATCH_SIZES,
  volumes: DEFAULT_MESSAGES_PER_DAY,
  architectures: ARCHITECTURES,
};

export function benchCostGrid(iterations = 200, input: CostGridInput = FULL_COST_GRID_INPUT): CostGridBenchmark {
  // Warm up first so the JIT has compiled the hot paths and the price cache is filled.
  for (let run = 0; run < Math.min(20, iterations); run++) computeCostGrid(input);

  const timings: number[] = [];
  for (let run = 0; run < iterations; run++) {
    const started = performance.now();
    computeCostGrid(input);
    timings.push(performance.now() - started);
  }
  const total = timings.reduce((sum, ms) => sum + ms, 0);
  return {
    iterations,
    scenariosPerGrid:
      (input.batchSizes ?? DEFAULT_BATCH_SIZES).length *
      (input.volumes ?? DEFAULT_MESSAGES_PER_DAY).length *
      (input.architectures ?? ARCHITECTURES).length,
    meanMs: iterations === 0 ? 0 : total / iterations,
    minMs: Math.min(...timings),
    maxMs: Math.max(...timings),
  };
}
