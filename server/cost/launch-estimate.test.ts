import { describe, expect, it } from 'vitest';

import type { LambdaCostProfile, SqsBatchCostProfile } from './cost-profile';
import { estimateForLaunch } from './launch-estimate';

/** The tiered-pricing post's workload as a blueprint would describe it. */
const lambdaProfile: LambdaCostProfile = {
  kind: 'lambda',
  memoryMb: 1024,
  durationMs: 60_000,
  invocationsPerMonth: 75_000_000,
  architecture: 'x86_64',
  parameterMap: { memoryMb: 'FunctionMemory', architecture: 'Architecture' },
};

/** blueprints/sqs-batch-lambda/blueprint.yaml's profile. */
const sqsProfile: SqsBatchCostProfile = {
  kind: 'sqs-batch',
  messagesPerDay: 1_000_000,
  batchSize: 10,
  baseMemoryMb: 128,
  batchMemoryOverheadMb: 128,
  batchIncrement: 300,
  warmLatencyMs: 20,
  perMessageMs: 10,
  messageSizeKb: 4,
  architecture: 'arm64',
  parameterMap: { batchSize: 'BatchSize' },
};

describe('estimateForLaunch', () => {
  it('prices the launched memory in place of the profile’s: 2048 MB gives the post’s $145,015.29', () => {
    const result = estimateForLaunch(lambdaProfile, { FunctionMemory: '2048' }, lambdaProfile.parameterMap);
    expect(result).toMatchObject({ kind: 'lambda', totalCost: 145015.29, fromParameters: { memoryMb: '2048' } });
    if (result?.kind !== 'lambda') throw new Error('expected a Lambda estimate');
    expect(result.input).toMatchObject({ memoryMb: 2048, region: 'us-east-1', includeFreeTier: false, ephemeralStorageMb: 512 });
    expect(result.estimate.tiers.map((tier) => tier.cost)).toEqual([100000.2, 45000.09, 0]);
  });

  it('keeps the profile’s figure when a parameter is missing or blank, and uses the profile’s own map by default', () => {
    const blank = estimateForLaunch(lambdaProfile, { FunctionMemory: '  ', Unrelated: '7' });
    expect(blank).toMatchObject({ kind: 'lambda', fromParameters: {} });
    if (blank?.kind !== 'lambda') throw new Error('expected a Lambda estimate');
    expect(blank.input.memoryMb).toBe(1024);
    const arm = estimateForLaunch(lambdaProfile, { Architecture: 'arm64' });
    expect(arm?.kind === 'lambda' && arm.input.architecture).toBe('arm64');
  });

  it('prices an SQS blueprint at the launched batch size, with its limits checked', () => {
    const result = estimateForLaunch(sqsProfile, { BatchSize: '100' }, { batchSize: 'BatchSize' });
    if (result?.kind !== 'sqs-batch') throw new Error('expected an SQS batch estimate');
    expect(result.estimate.rows.map((row) => row.batchSize)).toEqual([100]);
    // Batches above 10 need a window: the profile names none, so the smallest allowed (1 s) is assumed.
    expect(result.input.batchingWindowS).toBe(1);
    expect(result.estimate.rows[0]?.feasible).toBe(true);
    expect(result.totalCost).toBe(result.estimate.rows[0]?.totalCost);

    const tooBig = estimateForLaunch(sqsProfile, { BatchSize: '20000' });
    expect(tooBig?.kind === 'sqs-batch' && tooBig.estimate.rows[0]?.violations.map((violation) => violation.rule)).toContain('BATCH_SIZE_TOO_LARGE');
  });

  it('maps the batching window parameter under either of its names', () => {
    const map = { batchSize: 'BatchSize', batchingWindowSeconds: 'Window' };
    const result = estimateForLaunch(sqsProfile, { BatchSize: '50', Window: '0' }, map);
    expect(result?.kind === 'sqs-batch' && result.estimate.rows[0]?.violations.map((violation) => violation.rule)).toEqual(['BATCH_WINDOW_REQUIRED']);
    const short = estimateForLaunch(sqsProfile, { Window: '5' }, { batchingWindowS: 'Window' });
    expect(short?.kind === 'sqs-batch' && short.input.batchingWindowS).toBe(5);
  });

  it('reports values the model cannot price under the parameter’s own name', () => {
    expect(estimateForLaunch(lambdaProfile, { FunctionMemory: '64' })).toEqual({
      kind: 'invalid',
      fields: { FunctionMemory: ['FunctionMemory must be between 128 and 10240'] },
    });
    expect(estimateForLaunch(lambdaProfile, { FunctionMemory: 'lots' })).toEqual({
      kind: 'invalid',
      fields: { FunctionMemory: ['FunctionMemory must be a number'] },
    });
    expect(estimateForLaunch(sqsProfile, { BatchSize: '0' })).toEqual({
      kind: 'invalid',
      fields: { BatchSize: ['BatchSize must be whole numbers of at least 1'] },
    });
  });

  it('answers null for profiles it does not model', () => {
    expect(estimateForLaunch({ kind: 'stepfunctions' }, {})).toBeNull();
    expect(estimateForLaunch({ kind: 'none' }, {})).toBeNull();
  });

  it('honours the region and free tier of the launch', () => {
    const result = estimateForLaunch(lambdaProfile, {}, {}, { region: 'eu-west-1', includeFreeTier: true });
    expect(result?.kind === 'lambda' && result.estimate.priceTable.region).toBe('eu-west-1');
    const withoutFreeTier = estimateForLaunch(lambdaProfile, {});
    expect(result?.kind === 'lambda' && withoutFreeTier?.kind === 'lambda' && result.totalCost < withoutFreeTier.totalCost).toBe(true);
  });
});
