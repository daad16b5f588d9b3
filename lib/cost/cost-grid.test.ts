import { describe, expect, it } from 'vitest';

import { DEFAULT_BATCH_SIZES, DEFAULT_COST_GRID_BASE, DEFAULT_MESSAGES_PER_DAY, computeCostGrid } from './cost-grid';
import { PRICE_TABLE } from './price-table';
import { estimateSqsBatchCosts, toSqsBatchCostsDto } from './sqs-batch-cost';

describe('computeCostGrid', () => {
  const grid = computeCostGrid({ base: DEFAULT_COST_GRID_BASE });
  const selected = estimateSqsBatchCosts({ ...DEFAULT_COST_GRID_BASE, batchSizes: [...DEFAULT_BATCH_SIZES] });

  it('sweeps the 15 batch sizes × 11 volumes × 2 architectures of the post’s tool', () => {
    expect(DEFAULT_BATCH_SIZES).toHaveLength(15);
    expect(DEFAULT_MESSAGES_PER_DAY).toHaveLength(11);
    expect(grid.costByVolume).toHaveLength(30);
    for (const series of grid.costByVolume) {
      expect(series.points.map((point) => point.messagesPerDay)).toEqual(DEFAULT_MESSAGES_PER_DAY);
    }
  });

  it('agrees with estimateSqsBatchCosts for the selected scenario', () => {
    expect(grid.selected.cheapestFeasibleBatchSize).toBe(selected.cheapestFeasibleBatchSize);
    expect(grid.costByBatchSize).toEqual(
      toSqsBatchCostsDto(selected).rows.map((row) => expect.objectContaining({ totalCost: row.totalCost, lambdaCost: row.lambdaCost, sqsCost: row.sqsCost })),
    );
    const at = (chart: typeof grid) =>
      chart.costByVolume.find((line) => line.batchSize === 100 && line.architecture === 'x86_64')?.points.find((point) => point.messagesPerDay === 10_000_000);
    // The post's $6.67 of Lambda, plus $145.60 of SQS requests (included by default).
    expect(at(grid)?.totalCost).toBe(152.27);
    expect(at(computeCostGrid({ base: { ...DEFAULT_COST_GRID_BASE, includeSqsRequests: false } }))?.totalCost).toBe(6.67);
  });

  it('marks exactly one bar as the cheapest feasible batch', () => {
    const cheapest = grid.costByBatchSize.filter((bar) => bar.isCheapest);
    expect(cheapest).toHaveLength(1);
    expect(cheapest[0]?.feasible).toBe(true);
    for (const bar of grid.costByBatchSize.filter((candidate) => candidate.feasible)) {
      expect(bar.totalCost).toBeGreaterThanOrEqual(cheapest[0]!.totalCost);
    }
    const payloadTooLarge = grid.costByBatchSize.find((bar) => bar.batchSize === 2000);
    expect(payloadTooLarge?.violations).toEqual(['INVOKE_PAYLOAD_TOO_LARGE']);
  });

  it('charts memory and duration against batch size', () => {
    expect(grid.memoryAndDuration.map((point) => point.batchSize)).toEqual(DEFAULT_BATCH_SIZES);
    expect(grid.memoryAndDuration.at(-1)).toEqual({
      batchSize: 10_000,
      memoryMb: 4480,
      durationMs: 100_020,
      feasible: false,
    });
  });

  it('splits the recommended batch’s cost by tier and line item', () => {
    const split = grid.costSplit!;
    expect(split.batchSize).toBe(grid.selected.cheapestFeasibleBatchSize);
    expect(split.tiers.map((tier) => tier.label)).toEqual(['Tier 1', 'Tier 2', 'Tier 3']);
    const bar = grid.costByBatchSize.find((candidate) => candidate.isCheapest)!;
    const sum = split.lineItems.reduce((total, item) => total + item.cost, 0);
    expect(Math.abs(sum - bar.totalCost)).toBeLessThanOrEqual(0.01 * split.lineItems.length);
  });

  it('compares x86_64 with arm64 at the selected volume', () => {
    expect(grid.architectureComparison).toHaveLength(15);
    for (const point of grid.architectureComparison) {
      expect(point.arm64).toBeLessThanOrEqual(point.x86_64!);
    }
  });

  it('prices a selected volume that is not on the chart’s axis, and reports the price table', () => {
    const offAxis = computeCostGrid({
      base: { ...DEFAULT_COST_GRID_BASE, messagesPerDay: 12_345_678, architecture: 'arm64' },
    });
    expect(offAxis.selected).toMatchObject({ messagesPerDay: 12_345_678, architecture: 'arm64' });
    expect(offAxis.costByBatchSize).toHaveLength(15);
    expect(offAxis.priceTable.id).toBe(PRICE_TABLE.id);
  });

  it('adds the recommended batch size’s SQS requests to the split, unless they are left out', () => {
    expect(grid.costSplit?.lineItems.at(-1)).toEqual({ label: 'SQS requests', cost: 145.6 });
    const withoutSqs = computeCostGrid({ base: { ...DEFAULT_COST_GRID_BASE, includeSqsRequests: false } });
    expect(withoutSqs.costSplit?.lineItems.map((item) => item.label)).not.toContain('SQS requests');
  });
});
