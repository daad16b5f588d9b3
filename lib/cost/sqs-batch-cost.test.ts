import { describe, expect, it } from 'vitest';

import type { SqsBatchInput } from '@/lib/schemas/cost';

import { formatUsd } from './format';
import { PRICE_TABLE } from './price-table';
import { estimateSqsBatchCosts, toSqsBatchCostsDto } from './sqs-batch-cost';

/** The post's tool sample at its highlighted 10 million messages a day, 4 KB messages. */
function input(overrides: Partial<SqsBatchInput> = {}): SqsBatchInput {
  return {
    messagesPerDay: 10_000_000,
    batchSizes: [1, 10, 100, 1000],
    baseMemoryMb: 256,
    batchMemoryOverheadMb: 128,
    batchIncrement: 300,
    warmLatencyMs: 20,
    perMessageMs: 10,
    messageSizeKb: 4,
    batchingWindowS: 1,
    architecture: 'x86_64',
    region: 'us-east-1',
    includeFreeTier: true,
    // The post leaves SQS requests out: its Lambda figures are checked on their own.
    includeSqsRequests: false,
    ...overrides,
  };
}

describe('estimateSqsBatchCosts', () => {
  it('sizes, counts and prices each batch size', () => {
    const { rows } = estimateSqsBatchCosts(input());
    expect(rows.map((row) => [row.batchSize, row.memoryMb, row.durationMs, row.invocationsPerMonth])).toEqual([
      [1, 256, 30, 304_166_667],
      [10, 256, 120, 30_416_667],
      [100, 256, 1020, 3_041_667],
      [1000, 640, 10_020, 304_167],
    ]);
    expect(rows.map((row) => row.gbSeconds.toString())).toEqual(['2281250.0025', '912500.01', '775625.085', '1904845.8375']);
    expect(rows.map((row) => formatUsd(row.totalCost))).toEqual(['$91.99', '$14.43', '$6.67', '$25.08']);
    expect(rows.every((row) => row.sqsCost.isZero() && row.lambdaCost.compare(row.totalCost) === 0)).toBe(true);
  });

  it('picks the cheapest batch size that breaks no limit', () => {
    expect(estimateSqsBatchCosts(input()).cheapestFeasibleBatchSize).toBe(100);
    // Without a batching window only batches of up to 10 can run.
    const noWindow = estimateSqsBatchCosts(input({ batchingWindowS: undefined }));
    expect(noWindow.rows.map((row) => row.feasible)).toEqual([true, true, false, false]);
    expect(noWindow.rows[2]?.violations.map((violation) => violation.rule)).toEqual(['BATCH_WINDOW_REQUIRED']);
    expect(noWindow.cheapestFeasibleBatchSize).toBe(10);
  });

  it('still prices infeasible rows, and reports null when none is feasible', () => {
    const result = estimateSqsBatchCosts(input({ batchSizes: [20_000], messageSizeKb: 1 }));
    expect(result.rows[0]?.feasible).toBe(false);
    expect(result.rows[0]?.totalCost.isZero()).toBe(false);
    expect(result.cheapestFeasibleBatchSize).toBeNull();
  });

  it('flags memory and duration limits from the batch model', () => {
    const [row] = estimateSqsBatchCosts(input({ batchSizes: [10_000], messageSizeKb: 0.5, perMessageMs: 100, batchIncrement: 100 })).rows;
    expect(row?.violations.map((violation) => violation.rule)).toEqual(['DURATION_TOO_LONG', 'MEMORY_TOO_LARGE']);
  });

  it('gives a tie to the smaller batch size', () => {
    const result = estimateSqsBatchCosts(input({ messagesPerDay: 0, batchSizes: [50, 5, 500] }));
    expect(result.cheapestFeasibleBatchSize).toBe(5);
  });

  it('includes SQS request charges by default, counted per batch size, and adds them to the Lambda cost', () => {
    const { includeSqsRequests: _left, ...defaults } = input();
    const result = estimateSqsBatchCosts(defaults);
    expect(result.includesSqsRequests).toBe(true);
    expect(result.rows.map((row) => row.sqsRequests)).toEqual([
      {
        sendRequests: 304_166_667,
        receiveRequests: 304_166_667,
        emptyReceives: 0,
        deleteRequests: 304_166_667,
        totalRequests: 912_500_001,
        freeRequests: 1_000_000,
      },
      {
        sendRequests: 304_166_667,
        receiveRequests: 30_416_667,
        emptyReceives: 0,
        deleteRequests: 30_416_667,
        totalRequests: 365_000_001,
        freeRequests: 1_000_000,
      },
      {
        sendRequests: 304_166_667,
        receiveRequests: 30_416_667,
        emptyReceives: 0,
        deleteRequests: 30_416_667,
        totalRequests: 365_000_001,
        freeRequests: 1_000_000,
      },
      {
        sendRequests: 304_166_667,
        receiveRequests: 30_416_667,
        emptyReceives: 0,
        deleteRequests: 30_416_667,
        totalRequests: 365_000_001,
        freeRequests: 1_000_000,
      },
    ]);
    expect(result.rows.map((row) => formatUsd(row.sqsCost))).toEqual(['$364.60', '$145.60', '$145.60', '$145.60']);
    // The Lambda part is the post's, unchanged.
    expect(result.rows.map((row) => formatUsd(row.lambdaCost))).toEqual(['$91.99', '$14.43', '$6.67', '$25.08']);
    for (const row of result.rows) expect(row.totalCost.compare(row.lambdaCost.plus(row.sqsCost))).toBe(0);
    expect(result.cheapestFeasibleBatchSize).toBe(100);
  });

  it('leaves SQS requests out only when asked', () => {
    const result = estimateSqsBatchCosts(input({ includeSqsRequests: false }));
    expect(result.includesSqsRequests).toBe(false);
    expect(result.rows.every((row) => row.sqsRequests === null && row.sqsCost.isZero())).toBe(true);
  });

  it('counts the idle long polls of a quiet queue, which can outweigh everything else', () => {
    const [row] = estimateSqsBatchCosts(input({ messagesPerDay: 1000, batchSizes: [10], includeSqsRequests: true, includeFreeTier: false })).rows;
    expect(row?.sqsRequests).toMatchObject({ sendRequests: 30_417, emptyReceives: 657_000 - 3042, deleteRequests: 3042 });
    expect(row?.sqsCost.compare(row.lambdaCost)).toBe(1);
  });

  it('makes arm64 cheaper for every batch size', () => {
    const x86 = estimateSqsBatchCosts(input()).rows;
    const arm = estimateSqsBatchCosts(input({ architecture: 'arm64' })).rows;
    arm.forEach((row, index) => expect(row.totalCost.compare(x86[index]!.totalCost)).toBe(-1));
  });

  it('says what it assumes, including full batches and the 730-hour month', () => {
    const { assumptions } = estimateSqsBatchCosts(input());
    expect(assumptions.join('\n')).toMatch(/full batch/);
    expect(assumptions.join('\n')).toContain('× 730 ÷ 24 = 304,166,667 messages a month');
    expect(assumptions.join('\n')).toContain('SQS request charges are not included');
    expect(estimateSqsBatchCosts(input({ includeSqsRequests: true })).assumptions.join('\n')).toContain('at least 657,000 receives a month (5 × 3 a minute)');
    expect(estimateSqsBatchCosts(input({ batchingWindowS: undefined })).assumptions.join('\n')).toContain('AWS default of 0 s');
  });

  it('converts to a DTO with amounts rounded to the cent', () => {
    const dto = toSqsBatchCostsDto(estimateSqsBatchCosts(input({ includeSqsRequests: true })));
    expect(dto.rows.map((row) => row.lambdaCost)).toEqual([91.99, 14.43, 6.67, 25.08]);
    expect(dto.rows.map((row) => row.sqsCost)).toEqual([364.6, 145.6, 145.6, 145.6]);
    expect(dto.rows.map((row) => row.totalCost)).toEqual([456.59, 160.03, 152.27, 170.68]);
    expect(dto.rows[1]?.sqsRequests).toMatchObject({ sendRequests: 304_166_667, receiveRequests: 30_416_667, deleteRequests: 30_416_667 });
    expect(dto.rows[2]?.gbSeconds).toBe(775625.085);
    expect(dto.priceTable).toEqual({
      id: PRICE_TABLE.id,
      effectiveDate: PRICE_TABLE.effectiveDate,
      region: 'us-east-1',
    });
    expect(dto.includesSqsRequests).toBe(true);
    expect(JSON.parse(JSON.stringify(dto))).toEqual(dto);
  });
});
