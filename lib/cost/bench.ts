import { type CostGridInput, DEFAULT_BATCH_SIZES, DEFAULT_COST_GRID_BASE, DEFAULT_MESSAGES_PER_DAY, computeCostGrid } from './cost-grid';
import { ARCHITECTURES } from './price-table';

/**
 * How long the cost page's full grid takes to recompute (it reruns on every form change, in the
 * browser). The target is well under 5 ms. `npm run bench` prints this; tests never time it.
 */

/** The full grid the page draws: 15 batch sizes × 11 volumes × 2 architectures. */
export const FULL_COST_GRID_INPUT: CostGridInput = {
  base: DEFAULT_COST_GRID_BASE,
  batchSizes: DEFAULT_BATCH_SIZES,
  volumes: DEFAULT_MESSAGES_PER_DAY,
  architectures: ARCHITECTURES,
};

/**
 * One timing per full-grid recompute, in milliseconds. It warms up first so the JIT has compiled the
 * hot paths and the price cache is filled. `scripts/bench/cost-grid.mjs` bundles this for the browser.
 */
export function sampleCostGridTimings(iterations = 200, input: CostGridInput = FULL_COST_GRID_INPUT, warmUpRuns = Math.min(20, iterations)): number[] {
  for (let run = 0; run < warmUpRuns; run++) computeCostGrid(input);
  const timings: number[] = [];
  for (let run = 0; run < iterations; run++) {
    const started = performance.now();
    computeCostGrid(input);
    timings.push(performance.now() - started);
  }
  return timings;
}

export interface TimingSummary {
  readonly runs: number;
  readonly meanMs: number;
  readonly medianMs: number;
  /** 95th percentile, nearest-rank. */
  readonly p95Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** Mean, median, p95, min and max of some timings (all 0 for none). */
export function summariseTimings(timings: readonly number[]): TimingSummary {
  if (timings.length === 0) return { runs: 0, meanMs: 0, medianMs: 0, p95Ms: 0, minMs: 0, maxMs: 0 };
  const sorted = [...timings].sort((a, b) => a - b);
  const rank = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
  const middle = sorted.length / 2;
  return {
    runs: sorted.length,
    meanMs: sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length,
    medianMs: sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2,
    p95Ms: rank(0.95),
    minMs: sorted[0]!,
    maxMs: sorted.at(-1)!,
  };
}
