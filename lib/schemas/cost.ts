import { z } from 'zod';

import {
  MAX_BATCHING_WINDOW_S,
  MAX_DURATION_MS,
  MAX_EPHEMERAL_STORAGE_MB,
  MAX_MEMORY_MB,
  MAX_SQS_BATCH_SIZE,
  MAX_SQS_MESSAGE_KB,
  MIN_EPHEMERAL_STORAGE_MB,
  MIN_MEMORY_MB,
} from '@/lib/cost/limits';
import { ARCHITECTURES, PRICED_REGIONS, isPricedRegion } from '@/lib/cost/price-table';

/**
 * Inputs of the Lambda cost estimator. Every message names the field and the rule it breaks, because
 * the API returns them verbatim and the form shows them next to the field.
 */

/** Most batch sizes one request may compare (the chart grid uses 15). */
const MAX_BATCH_SIZES = 50;

/** A trillion messages a day keeps every monthly count (× 730 / 24 × chunks × 3 calls) a safe integer. */
const MAX_MESSAGES_PER_DAY = 1_000_000_000_000;
/** A trillion invocations a month is ≈385,000 a second, beyond what one function's concurrency quota allows. */
const MAX_INVOCATIONS_PER_MONTH = 1_000_000_000_000;
/** Batch sizes (and memory increments) up to ten times the SQS maximum, so the comparison can show why larger batches cannot run. */
const MAX_COMPARED_BATCH_SIZE = 10 * MAX_SQS_BATCH_SIZE;

function requiredNumber(field: string) {
  return z.number({
    error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a number`),
  });
}

function wholeNumber(field: string) {
  return requiredNumber(field).int(`${field} must be a whole number`);
}

function wholeNumberBetween(field: string, min: number, max: number) {
  const rule = `${field} must be between ${min} and ${max}`;
  return wholeNumber(field).min(min, rule).max(max, rule);
}

function nonNegative(schema: z.ZodNumber, field: string) {
  return schema.min(0, `${field} must not be negative`);
}

function atMost(schema: z.ZodNumber, field: string, max: number, why: string) {
  return schema.max(max, `${field} must be at most ${max} (${why})`);
}

function requiredBoolean(field: string) {
  return z.boolean({
    error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be true or false`),
  });
}

const architecture = z.enum(ARCHITECTURES, { error: `architecture must be one of: ${ARCHITECTURES.join(', ')}` });

const region = z
  .string({ error: 'region must be a string' })
  .refine((value) => isPricedRegion(value), `region must be one of the priced regions: ${PRICED_REGIONS.join(', ')}`);

/** Reject unknown fields with a message that names them (typos like `memoryMB` should not pass silently). */
const strictParams = {
  error: (issue: z.core.$ZodRawIssue) => (issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : undefined),
};

export const lambdaCostInputSchema = z.strictObject(
  {
    architecture,
    region,
    memoryMb: wholeNumberBetween('memoryMb', MIN_MEMORY_MB, MAX_MEMORY_MB),
    durationMs: requiredNumber('durationMs')
      .positive(`durationMs must be greater than 0 and at most ${MAX_DURATION_MS}`)
      .max(MAX_DURATION_MS, `durationMs must be greater than 0 and at most ${MAX_DURATION_MS}`),
    invocationsPerMonth: atMost(
      nonNegative(wholeNumber('invocationsPerMonth'), 'invocationsPerMonth'),
      'invocationsPerMonth',
      MAX_INVOCATIONS_PER_MONTH,
      'a trillion, ≈385,000 a second',
    ),
    ephemeralStorageMb: wholeNumberBetween('ephemeralStorageMb', MIN_EPHEMERAL_STORAGE_MB, MAX_EPHEMERAL_STORAGE_MB),
    includeFreeTier: requiredBoolean('includeFreeTier'),
    /** Apply Lambda's volume tiers (default true); false prices every GB-second at the first-tier rate. */
    useTiers: requiredBoolean('useTiers').optional(),
  },
  strictParams,
);
export type LambdaCostInput = z.infer<typeof lambdaCostInputSchema>;

export const sqsBatchInputSchema = z.strictObject(
  {
    messagesPerDay: nonNegative(wholeNumber('messagesPerDay'), 'messagesPerDay').max(
      MAX_MESSAGES_PER_DAY,
      `messagesPerDay must be at most ${MAX_MESSAGES_PER_DAY}`,
    ),
    batchSizes: z
      .array(
        atMost(
          wholeNumber('batchSizes').min(1, 'batchSizes must be whole numbers of at least 1'),
          'batchSizes',
          MAX_COMPARED_BATCH_SIZE,
          `ten times the SQS maximum of ${MAX_SQS_BATCH_SIZE}`,
        ),
        {
          error: 'batchSizes must be a list of numbers',
        },
      )
      .min(1, `batchSizes must list between 1 and ${MAX_BATCH_SIZES} sizes`)
      .max(MAX_BATCH_SIZES, `batchSizes must list between 1 and ${MAX_BATCH_SIZES} sizes`),
    baseMemoryMb: wholeNumberBetween('baseMemoryMb', MIN_MEMORY_MB, MAX_MEMORY_MB),
    batchMemoryOverheadMb: atMost(
      nonNegative(wholeNumber('batchMemoryOverheadMb'), 'batchMemoryOverheadMb'),
      'batchMemoryOverheadMb',
      MAX_MEMORY_MB,
      'the Lambda memory maximum',
    ),
    batchIncrement: atMost(
      wholeNumber('batchIncrement').min(1, 'batchIncrement must be at least 1'),
      'batchIncrement',
      MAX_COMPARED_BATCH_SIZE,
      'the largest batch size compared',
    ),
    warmLatencyMs: atMost(nonNegative(requiredNumber('warmLatencyMs'), 'warmLatencyMs'), 'warmLatencyMs', MAX_DURATION_MS, 'the 15-minute Lambda timeout'),
    perMessageMs: atMost(nonNegative(requiredNumber('perMessageMs'), 'perMessageMs'), 'perMessageMs', MAX_DURATION_MS, 'the 15-minute Lambda timeout'),
    messageSizeKb: requiredNumber('messageSizeKb')
      .positive(`messageSizeKb must be greater than 0 and at most ${MAX_SQS_MESSAGE_KB}`)
      .max(MAX_SQS_MESSAGE_KB, `messageSizeKb must be greater than 0 and at most ${MAX_SQS_MESSAGE_KB}`),
    /** The event source mapping's MaximumBatchingWindowInSeconds; absent means the AWS default, 0. */
    batchingWindowS: nonNegative(requiredNumber('batchingWindowS'), 'batchingWindowS')
      .max(MAX_BATCHING_WINDOW_S, `batchingWindowS must be between 0 and ${MAX_BATCHING_WINDOW_S}`)
      .optional(),
    architecture,
    region,
    includeFreeTier: requiredBoolean('includeFreeTier'),
    /** SQS request charges for sending, receiving (long polls included) and deleting the messages (default true). */
    includeSqsRequests: requiredBoolean('includeSqsRequests').optional(),
  },
  strictParams,
);
export type SqsBatchInput = z.infer<typeof sqsBatchInputSchema>;
