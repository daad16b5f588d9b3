import { describe, expect, it } from 'vitest';

import { type BatchConfiguration, findBatchViolations } from './batch-limits';

const fine: BatchConfiguration = {
  batchSize: 10,
  memoryMb: 512,
  durationMs: 1000,
  messageSizeKb: 4,
  batchingWindowS: 0,
};

const rulesBroken = (overrides: Partial<BatchConfiguration>) => findBatchViolations({ ...fine, ...overrides }).map((violation) => violation.rule);

describe('findBatchViolations', () => {
  it('passes a batch inside every limit', () => {
    expect(findBatchViolations(fine)).toEqual([]);
  });

  it('needs a batching window of at least 1 s above 10 messages', () => {
    expect(rulesBroken({ batchSize: 11 })).toEqual(['BATCH_WINDOW_REQUIRED']);
    expect(rulesBroken({ batchSize: 11, batchingWindowS: 0.5 })).toEqual(['BATCH_WINDOW_REQUIRED']);
    expect(rulesBroken({ batchSize: 11, batchingWindowS: 1 })).toEqual([]);
    expect(rulesBroken({ batchSize: 10, batchingWindowS: 0 })).toEqual([]);
    const [violation] = findBatchViolations({ ...fine, batchSize: 20 });
    expect(violation?.message).toBe('Batch size 20 is over 10, which needs a batching window of at least 1 s; the window is 0 s.');
  });

  it('keeps batch × message size within the 6 MB invoke payload', () => {
    expect(rulesBroken({ batchSize: 24, messageSizeKb: 256, batchingWindowS: 1 })).toEqual([]); // exactly 6,144 KB
    expect(rulesBroken({ batchSize: 25, messageSizeKb: 256, batchingWindowS: 1 })).toEqual(['INVOKE_PAYLOAD_TOO_LARGE']);
    expect(rulesBroken({ batchSize: 6145, messageSizeKb: 1, batchingWindowS: 1 })).toEqual(['INVOKE_PAYLOAD_TOO_LARGE']);
    const [violation] = findBatchViolations({ ...fine, batchSize: 2000, messageSizeKb: 4, batchingWindowS: 1 });
    expect(violation?.message).toContain('2,000 messages × 4 KB = 8,000 KB, over the 6 MB (6,144 KB) invoke payload limit');
  });

  it('allows at most 10,000 messages a batch', () => {
    expect(rulesBroken({ batchSize: 10_000, messageSizeKb: 0.5, batchingWindowS: 1 })).toEqual([]);
    expect(rulesBroken({ batchSize: 10_001, messageSizeKb: 0.5, batchingWindowS: 1 })).toEqual(['BATCH_SIZE_TOO_LARGE']);
  });

  it('allows at most 900 s per invocation', () => {
    expect(rulesBroken({ durationMs: 900_000 })).toEqual([]);
    expect(rulesBroken({ durationMs: 900_000.5 })).toEqual(['DURATION_TOO_LONG']);
    expect(findBatchViolations({ ...fine, durationMs: 1_000_020 })[0]?.message).toBe(
      'A batch takes 1,000,020 ms, over the Lambda timeout of 900,000 ms (15 minutes).',
    );
  });

  it('allows at most 10,240 MB of memory', () => {
    expect(rulesBroken({ memoryMb: 10_240 })).toEqual([]);
    expect(rulesBroken({ memoryMb: 10_241 })).toEqual(['MEMORY_TOO_LARGE']);
  });

  it('reports every rule a batch breaks', () => {
    expect(rulesBroken({ batchSize: 20_000, messageSizeKb: 1, memoryMb: 20_000, durationMs: 2_000_000 })).toEqual([
      'BATCH_WINDOW_REQUIRED',
      'INVOKE_PAYLOAD_TOO_LARGE',
      'BATCH_SIZE_TOO_LARGE',
      'DURATION_TOO_LONG',
      'MEMORY_TOO_LARGE',
    ]);
  });
});
