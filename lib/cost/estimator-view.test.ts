import { describe, expect, it } from 'vitest';

import type { LambdaCostInput, SqsBatchInput } from '@/lib/schemas/cost';

import { DEFAULT_BATCH_SIZES, DEFAULT_COST_GRID_BASE } from './cost-grid';
import { LAMBDA_SWEEP_INVOCATIONS, computeLambdaView, computeSqsBatchView, withValue } from './estimator-view';

const postExample: LambdaCostInput = {
  architecture: 'x86_64',
  region: 'us-east-1',
  memoryMb: 2048,
  durationMs: 60_000,
  invocationsPerMonth: 75_000_000,
  ephemeralStorageMb: 512,
  includeFreeTier: false,
};

describe('computeLambdaView', () => {
  const view = computeLambdaView(postExample);

  it('carries the model DTO for the inputs: the post example costs $145,015.29', () => {
    expect(view.estimate.totalCost).toBe(145015.29);
    expect(view.estimate.calculation.length).toBeGreaterThan(3);
    expect(view.tierSavings).toBe(5000.01);
  });

  it('prices the same function on both architectures', () => {
    expect(view.byArchitecture.map((entry) => entry.architecture)).toEqual(['x86_64', 'arm64']);
    expect(view.byArchitecture[0]?.totalCost).toBe(145015.29);
    expect(view.byArchitecture[1]?.totalCost).toBeLessThan(145015.29);
  });

  it('draws the cost curve through the chosen volume', () => {
    expect(LAMBDA_SWEEP_INVOCATIONS[0]).toBe(10_000);
    expect(LAMBDA_SWEEP_INVOCATIONS.at(-1)).toBe(10_000_000_000);
    const chosen = view.costByInvocations.find((point) => point.invocationsPerMonth === 75_000_000);
    expect(chosen?.x86_64).toBe(145015.29);
    const volumes = view.costByInvocations.map((point) => point.invocationsPerMonth);
    expect(volumes).toEqual([...volumes].sort((a, b) => a - b));
  });
});

describe('computeSqsBatchView', () => {
  const input: SqsBatchInput = { ...DEFAULT_COST_GRID_BASE, messagesPerDay: 12_345_678, batchSizes: [...DEFAULT_BATCH_SIZES] };
  const view = computeSqsBatchView(input);

  it('adds the chosen volume to the grid so every line passes through it', () => {
    for (const series of view.grid.costByVolume) {
      expect(series.points.some((point) => point.messagesPerDay === 12_345_678)).toBe(true);
    }
  });

  it('explains the recommended batch size with its own Lambda estimate', () => {
    expect(view.recommended?.batchSize).toBe(view.costs.cheapestFeasibleBatchSize);
    const row = view.costs.rows.find((candidate) => candidate.batchSize === view.recommended?.batchSize);
    expect(view.recommended?.estimate.totalCost).toBe(row?.lambdaCost);
    expect(view.recommended?.sqs?.cost).toBe(row?.sqsCost);
    expect(view.recommended?.sqs?.lines.join('\n')).toContain('5 pollers × 3 long polls a minute × 43,800 minutes = 657,000 receives at least');
    expect(computeSqsBatchView({ ...input, includeSqsRequests: false }).recommended?.sqs).toBeNull();
  });

  it('falls back to the first batch size when none is feasible', () => {
    const infeasible = computeSqsBatchView({ ...input, batchSizes: [20_000, 50_000] });
    expect(infeasible.costs.cheapestFeasibleBatchSize).toBeNull();
    expect(infeasible.recommended?.batchSize).toBe(20_000);
  });
});

describe('withValue', () => {
  it('inserts a value in order once', () => {
    expect(withValue([1, 10, 100], 50)).toEqual([1, 10, 50, 100]);
    expect(withValue([1, 10, 100], 10)).toEqual([1, 10, 100]);
  });
});
