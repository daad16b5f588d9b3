import { formatQuantity } from './format';
import { Decimal } from './decimal';
import {
  MAX_BATCH_SIZE_WITHOUT_WINDOW,
  MAX_DURATION_MS,
  MAX_INVOKE_PAYLOAD_KB,
  MAX_MEMORY_MB,
  MAX_SQS_BATCH_SIZE,
  MIN_BATCHING_WINDOW_FOR_LARGE_BATCHES_S,
} from './limits';

/**
 * Whether a batch size can actually run: the AWS limits a batch configuration can break. A row that
 * breaks one is still priced (so charts stay continuous) but cannot be the recommended batch size.
 */

export const BATCH_RULES = ['BATCH_WINDOW_REQUIRED', 'INVOKE_PAYLOAD_TOO_LARGE', 'BATCH_SIZE_TOO_LARGE', 'DURATION_TOO_LONG', 'MEMORY_TOO_LARGE'] as const;
export type BatchRule = (typeof BATCH_RULES)[number];

export interface BatchViolation {
  /** Stable machine code for the broken rule. */
  readonly rule: BatchRule;
  /** The same, for people: what is over which limit. */
  readonly message: string;
}

export interface BatchConfiguration {
  readonly batchSize: number;
  readonly memoryMb: number;
  readonly durationMs: number;
  readonly messageSizeKb: number;
  /** MaximumBatchingWindowInSeconds; AWS defaults it to 0. */
  readonly batchingWindowS: number;
}

const MAX_INVOKE_PAYLOAD = Decimal.of(MAX_INVOKE_PAYLOAD_KB);

export function findBatchViolations(batch: BatchConfiguration): BatchViolation[] {
  const violations: BatchViolation[] = [];
  // Messages are only written for broken rules: the chart grid checks hundreds of feasible rows.
  const size = () => formatQuantity(batch.batchSize);

  if (batch.batchSize > MAX_BATCH_SIZE_WITHOUT_WINDOW && batch.batchingWindowS < MIN_BATCHING_WINDOW_FOR_LARGE_BATCHES_S) {
    violations.push({
      rule: 'BATCH_WINDOW_REQUIRED',
      message:
        `Batch size ${size()} is over ${MAX_BATCH_SIZE_WITHOUT_WINDOW}, which needs a batching window of at least ` +
        `${MIN_BATCHING_WINDOW_FOR_LARGE_BATCHES_S} s; the window is ${formatQuantity(batch.batchingWindowS)} s.`,
    });
  }

  // Exact, so a batch of exactly 6 MB is allowed and 6 MB plus a fraction of a KB is not.
  const payloadKb = Decimal.of(batch.messageSizeKb).times(batch.batchSize);
  if (payloadKb.compare(MAX_INVOKE_PAYLOAD) > 0) {
    violations.push({
      rule: 'INVOKE_PAYLOAD_TOO_LARGE',
      message:
        `${size()} messages × ${formatQuantity(batch.messageSizeKb)} KB = ${formatQuantity(payloadKb)} KB, over the ` +
        `6 MB (${formatQuantity(MAX_INVOKE_PAYLOAD_KB)} KB) invoke payload limit; Lambda would deliver smaller batches.`,
    });
  }

  if (batch.batchSize > MAX_SQS_BATCH_SIZE) {
    violations.push({
      rule: 'BATCH_SIZE_TOO_LARGE',
      message: `Batch size ${size()} is over the SQS event source maximum of ${formatQuantity(MAX_SQS_BATCH_SIZE)}.`,
    });
  }

  if (batch.durationMs > MAX_DURATION_MS) {
    violations.push({
      rule: 'DURATION_TOO_LONG',
      message: `A batch takes ${formatQuantity(batch.durationMs)} ms, over the Lambda timeout of ` + `${formatQuantity(MAX_DURATION_MS)} ms (15 minutes).`,
    });
  }

  if (batch.memoryMb > MAX_MEMORY_MB) {
    violations.push({
      rule: 'MEMORY_TOO_LARGE',
      message: `A batch needs ${formatQuantity(batch.memoryMb)} MB, over the Lambda maximum of ${formatQuantity(MAX_MEMORY_MB)} MB.`,
    });
  }

  return violations;
}
