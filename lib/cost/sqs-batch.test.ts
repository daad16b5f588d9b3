import { describe, expect, it } from 'vitest';

import { HOURS_PER_MONTH, invocationsPerMonth, messagesPerMonth, sizeBatch } from './sqs-batch';

/** The worked example in "Estimating cost for Amazon SQS message processing using AWS Lambda". */
const postExample = {
  baseMemoryMb: 256,
  batchMemoryOverheadMb: 128,
  batchIncrement: 500,
  warmLatencyMs: 50,
  perMessageMs: 20,
};

/** The sample `input.prop` shipped with the post's estimator tool. */
const toolSample = {
  baseMemoryMb: 256,
  batchMemoryOverheadMb: 128,
  batchIncrement: 300,
  warmLatencyMs: 20,
  perMessageMs: 10,
};

describe('sizeBatch — duration', () => {
  it("reproduces the post's 150 ms for a batch of 5 (50 ms overhead + 5 × 20 ms)", () => {
    expect(sizeBatch(5, postExample).durationMs).toBe(150);
  });

  it('gives 450 ms for a batch of 20, where the post prints 490 ms for the same 50 + 20 × 20', () => {
    expect(sizeBatch(20, postExample).durationMs).toBe(450);
  });

  it("follows the tool's sample input: 20 ms + 10 ms per message", () => {
    expect(sizeBatch(1000, toolSample).durationMs).toBe(10_020);
    expect(sizeBatch(10_000, toolSample).durationMs).toBe(100_020);
  });

  it('sums fractional per-message times exactly', () => {
    expect(sizeBatch(30, { ...toolSample, warmLatencyMs: 0, perMessageMs: 0.1 }).durationMs).toBe(3);
  });
});

describe('sizeBatch — memory', () => {
  it('adds the overhead once per whole increment: base + overhead × floor(batch / increment)', () => {
    expect([1, 299, 300, 599, 600, 1000, 10_000].map((size) => sizeBatch(size, toolSample).memoryMb)).toEqual([256, 256, 384, 384, 512, 640, 4480]);
  });

  it("matches the post's memory table at the end of each row (100, 600, 1,100, 1,600 messages)", () => {
    expect([100, 600, 1100, 1600].map((size) => sizeBatch(size, postExample).memoryMb)).toEqual([256, 384, 512, 640]);
    // Inside the rows the post's table steps 100 messages earlier than its own rule ("every additional
    // 500 messages"): it lists 384 MB for 300 messages, the rule (and the tool's code) gives 256 MB.
    expect(sizeBatch(300, postExample).memoryMb).toBe(256);
  });

  it('can exceed the Lambda maximum (feasibility checks flag it)', () => {
    expect(sizeBatch(10_000, { ...toolSample, batchIncrement: 100 }).memoryMb).toBe(13_056);
  });
});

describe('monthly volume', () => {
  it('counts a month as 730 hours', () => {
    expect(HOURS_PER_MONTH).toBe(730);
    expect(messagesPerMonth(24)).toBe(730);
    expect(messagesPerMonth(10_000_000)).toBe(304_166_667); // 304,166,666.67 rounded up
  });

  it('rounds invocations up to whole batches', () => {
    expect(invocationsPerMonth(1000, 7)).toBe(4346); // 30,416.67 messages ÷ 7 = 4,345.24
    expect(invocationsPerMonth(10_000_000, 100)).toBe(3_041_667);
    expect(invocationsPerMonth(0, 10)).toBe(0);
  });

  it('adds no invocation when the batches divide the month exactly', () => {
    expect(invocationsPerMonth(12, 365)).toBe(1);
    expect(invocationsPerMonth(24, 1)).toBe(730);
    expect(invocationsPerMonth(240, 73)).toBe(100);
  });

  it('agrees with rounding the monthly messages first', () => {
    for (const messagesPerDay of [1, 7, 999, 123_457, 250_000_000]) {
      for (const batchSize of [1, 3, 10, 333, 10_000]) {
        expect(invocationsPerMonth(messagesPerDay, batchSize)).toBe(Math.ceil(messagesPerMonth(messagesPerDay) / batchSize));
      }
    }
  });
});
