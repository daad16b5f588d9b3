import type { SqsBatchInput } from '@/lib/schemas/cost';

import { Decimal } from './decimal';

/**
 * How batch size shapes a Lambda function consuming SQS, following "Estimating cost for Amazon SQS
 * message processing using AWS Lambda": duration grows linearly with the batch, memory in steps.
 */

/** A month, for volume, is 730 hours (8,760 hours a year ÷ 12) — the figure AWS pricing uses. */
export const HOURS_PER_MONTH = 730;
const HOURS_PER_DAY = 24;

export type BatchProfile = Pick<SqsBatchInput, 'baseMemoryMb' | 'batchMemoryOverheadMb' | 'batchIncrement' | 'warmLatencyMs' | 'perMessageMs'>;

export interface BatchShape {
  readonly batchSize: number;
  /** May exceed Lambda's 10,240 MB maximum; feasibility checks flag that. */
  readonly memoryMb: number;
  /** Before Lambda's rounding up to the next 1 ms. */
  readonly durationMs: number;
}

/**
 * Memory = base + overhead × floor(batch ÷ increment); duration = warm latency + per-message time ×
 * batch. Duration is summed as exact decimals so 30 × 0.1 ms is 3 ms, not 3.0000000000000004 ms
 * (which Lambda's round-up would bill as 4 ms).
 */
export function sizeBatch(batchSize: number, profile: BatchProfile): BatchShape {
  const memorySteps = Math.floor(batchSize / profile.batchIncrement);
  const durationMs = Decimal.of(profile.warmLatencyMs).plus(Decimal.of(profile.perMessageMs).times(batchSize));
  return {
    batchSize,
    memoryMb: profile.baseMemoryMb + profile.batchMemoryOverheadMb * memorySteps,
    durationMs: durationMs.toNumber(),
  };
}

/** Messages in a 730-hour month, rounded up to a whole message. */
export function messagesPerMonth(messagesPerDay: number): number {
  return ceilDivide(BigInt(messagesPerDay) * BigInt(HOURS_PER_MONTH), BigInt(HOURS_PER_DAY));
}

/**
 * Invocations in a month if every invocation gets a full batch: ceil(messages per day × 730 / 24 / B).
 * Computed in one integer division so no intermediate rounding can add an invocation.
 */
export function invocationsPerMonth(messagesPerDay: number, batchSize: number): number {
  return ceilDivide(BigInt(messagesPerDay) * BigInt(HOURS_PER_MONTH), BigInt(HOURS_PER_DAY) * BigInt(batchSize));
}

function ceilDivide(numerator: bigint, denominator: bigint): number {
  const quotient = numerator / denominator;
  return Number(quotient * denominator === numerator ? quotient : quotient + 1n);
}
