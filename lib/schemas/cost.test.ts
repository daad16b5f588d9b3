import { describe, expect, it } from 'vitest';

import { type LambdaCostInput, type SqsBatchInput, lambdaCostInputSchema, sqsBatchInputSchema } from './cost';

const lambdaInput: LambdaCostInput = {
  architecture: 'x86_64',
  region: 'us-east-1',
  memoryMb: 2048,
  durationMs: 60_000,
  invocationsPerMonth: 75_000_000,
  ephemeralStorageMb: 512,
  includeFreeTier: false,
};

const sqsInput: SqsBatchInput = {
  messagesPerDay: 10_000_000,
  batchSizes: [1, 10, 100],
  baseMemoryMb: 256,
  batchMemoryOverheadMb: 128,
  batchIncrement: 300,
  warmLatencyMs: 20,
  perMessageMs: 10,
  messageSizeKb: 4,
  architecture: 'arm64',
  region: 'eu-west-1',
  includeFreeTier: true,
};

function lambdaErrors(overrides: Record<string, unknown>): { path: string; message: string }[] {
  const result = lambdaCostInputSchema.safeParse({ ...lambdaInput, ...overrides });
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

function sqsErrors(overrides: Record<string, unknown>): { path: string; message: string }[] {
  const result = sqsBatchInputSchema.safeParse({ ...sqsInput, ...overrides });
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('lambdaCostInputSchema', () => {
  it('accepts a valid input, with useTiers optional', () => {
    expect(lambdaCostInputSchema.parse(lambdaInput)).toEqual(lambdaInput);
    expect(lambdaCostInputSchema.parse({ ...lambdaInput, useTiers: false }).useTiers).toBe(false);
    expect(lambdaCostInputSchema.parse({ ...lambdaInput, durationMs: 1.2 }).durationMs).toBe(1.2);
  });

  it('names the field and the rule for memory and ephemeral storage', () => {
    expect(lambdaErrors({ memoryMb: 64 })).toEqual([{ path: 'memoryMb', message: 'memoryMb must be between 128 and 10240' }]);
    expect(lambdaErrors({ memoryMb: 10_241 })).toEqual([{ path: 'memoryMb', message: 'memoryMb must be between 128 and 10240' }]);
    expect(lambdaErrors({ memoryMb: 1000.5 })).toContainEqual({
      path: 'memoryMb',
      message: 'memoryMb must be a whole number',
    });
    expect(lambdaErrors({ ephemeralStorageMb: 256 })).toEqual([{ path: 'ephemeralStorageMb', message: 'ephemeralStorageMb must be between 512 and 10240' }]);
  });

  it('wants a duration above 0 and at most 900,000 ms', () => {
    const rule = { path: 'durationMs', message: 'durationMs must be greater than 0 and at most 900000' };
    expect(lambdaErrors({ durationMs: 0 })).toEqual([rule]);
    expect(lambdaErrors({ durationMs: -5 })).toEqual([rule]);
    expect(lambdaErrors({ durationMs: 900_001 })).toEqual([rule]);
    expect(lambdaErrors({ durationMs: 900_000 })).toEqual([]);
  });

  it('rejects negative or fractional invocation counts', () => {
    expect(lambdaErrors({ invocationsPerMonth: -1 })).toEqual([{ path: 'invocationsPerMonth', message: 'invocationsPerMonth must not be negative' }]);
    expect(lambdaErrors({ invocationsPerMonth: 2.5 })).toEqual([{ path: 'invocationsPerMonth', message: 'invocationsPerMonth must be a whole number' }]);
  });

  it('only accepts regions in the price table', () => {
    const [error] = lambdaErrors({ region: 'mars-north-1' });
    expect(error?.path).toBe('region');
    expect(error?.message).toMatch(/^region must be one of the priced regions: us-east-1, /);
    expect(lambdaErrors({ region: 'constructor' })[0]?.path).toBe('region');
  });

  it('names missing fields, wrong types and unknown architectures', () => {
    const { memoryMb: _omitted, ...withoutMemory } = lambdaInput;
    const missing = lambdaCostInputSchema.safeParse(withoutMemory);
    expect(missing.error?.issues[0]?.message).toBe('memoryMb is required');
    expect(lambdaErrors({ memoryMb: '2048' })).toEqual([{ path: 'memoryMb', message: 'memoryMb must be a number' }]);
    expect(lambdaErrors({ architecture: 'ppc64' })).toEqual([{ path: 'architecture', message: 'architecture must be one of: x86_64, arm64' }]);
    expect(lambdaErrors({ includeFreeTier: 'yes' })).toEqual([{ path: 'includeFreeTier', message: 'includeFreeTier must be true or false' }]);
  });

  it('rejects unknown fields by name', () => {
    expect(lambdaErrors({ memoryMB: 2048 })).toEqual([{ path: '', message: 'unknown field(s): memoryMB' }]);
  });
});

describe('sqsBatchInputSchema', () => {
  it('accepts a valid input, with the batching window and SQS charges optional', () => {
    expect(sqsBatchInputSchema.parse(sqsInput)).toEqual(sqsInput);
    expect(sqsBatchInputSchema.parse({ ...sqsInput, batchingWindowS: 5, includeSqsRequests: true })).toMatchObject({
      batchingWindowS: 5,
      includeSqsRequests: true,
    });
  });

  it('wants whole batch sizes of at least 1', () => {
    expect(sqsErrors({ batchSizes: [0] })).toEqual([{ path: 'batchSizes.0', message: 'batchSizes must be whole numbers of at least 1' }]);
    expect(sqsErrors({ batchSizes: [10, 2.5] })).toEqual([{ path: 'batchSizes.1', message: 'batchSizes must be a whole number' }]);
    expect(sqsErrors({ batchSizes: [] })).toEqual([{ path: 'batchSizes', message: 'batchSizes must list between 1 and 50 sizes' }]);
  });

  it('rejects negatives and out-of-range values, naming the field', () => {
    expect(sqsErrors({ messagesPerDay: -1 })).toEqual([{ path: 'messagesPerDay', message: 'messagesPerDay must not be negative' }]);
    expect(sqsErrors({ warmLatencyMs: -1 })).toEqual([{ path: 'warmLatencyMs', message: 'warmLatencyMs must not be negative' }]);
    expect(sqsErrors({ perMessageMs: -0.1 })).toEqual([{ path: 'perMessageMs', message: 'perMessageMs must not be negative' }]);
    expect(sqsErrors({ batchMemoryOverheadMb: -128 })).toEqual([{ path: 'batchMemoryOverheadMb', message: 'batchMemoryOverheadMb must not be negative' }]);
    expect(sqsErrors({ baseMemoryMb: 100 })).toEqual([{ path: 'baseMemoryMb', message: 'baseMemoryMb must be between 128 and 10240' }]);
    expect(sqsErrors({ batchIncrement: 0 })).toEqual([{ path: 'batchIncrement', message: 'batchIncrement must be at least 1' }]);
    expect(sqsErrors({ messageSizeKb: 0 })).toEqual([{ path: 'messageSizeKb', message: 'messageSizeKb must be greater than 0 and at most 1024' }]);
    expect(sqsErrors({ batchingWindowS: -1 })).toEqual([{ path: 'batchingWindowS', message: 'batchingWindowS must not be negative' }]);
    expect(sqsErrors({ region: 'moon-1' })[0]?.path).toBe('region');
  });

  it('bounds every number by an AWS limit, so 2^64 ms of latency is refused rather than priced', () => {
    expect(sqsErrors({ warmLatencyMs: 2 ** 64 })).toEqual([
      { path: 'warmLatencyMs', message: 'warmLatencyMs must be at most 900000 (the 15-minute Lambda timeout)' },
    ]);
    expect(sqsErrors({ perMessageMs: 900_001 })).toEqual([
      { path: 'perMessageMs', message: 'perMessageMs must be at most 900000 (the 15-minute Lambda timeout)' },
    ]);
    expect(sqsErrors({ warmLatencyMs: 900_000, perMessageMs: 900_000 })).toEqual([]);
    expect(sqsErrors({ batchMemoryOverheadMb: 10_241 })).toEqual([
      { path: 'batchMemoryOverheadMb', message: 'batchMemoryOverheadMb must be at most 10240 (the Lambda memory maximum)' },
    ]);
    expect(sqsErrors({ batchIncrement: 100_001 })).toEqual([
      { path: 'batchIncrement', message: 'batchIncrement must be at most 100000 (the largest batch size compared)' },
    ]);
    expect(sqsErrors({ batchSizes: [10, 100_001] })).toEqual([
      { path: 'batchSizes.1', message: 'batchSizes must be at most 100000 (ten times the SQS maximum of 10000)' },
    ]);
    // Sizes above the SQS maximum stay comparable: the model flags them as infeasible.
    expect(sqsErrors({ batchSizes: [20_000, 100_000] })).toEqual([]);
    expect(lambdaErrors({ invocationsPerMonth: 2 ** 64 })).toContainEqual({
      path: 'invocationsPerMonth',
      message: 'invocationsPerMonth must be at most 1000000000000 (a trillion, ≈385,000 a second)',
    });
    expect(lambdaErrors({ invocationsPerMonth: 1_000_000_000_000 })).toEqual([]);
  });

  it('rejects unknown fields', () => {
    expect(sqsErrors({ batchSize: 10 })).toEqual([{ path: '', message: 'unknown field(s): batchSize' }]);
  });
});
