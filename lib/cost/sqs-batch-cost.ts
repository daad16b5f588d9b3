import type { SqsBatchInput } from '@/lib/schemas/cost';

import { type BatchViolation, findBatchViolations } from './batch-limits';
import { Decimal } from './decimal';
import { formatQuantity, toDollars } from './format';
import { computeLambdaCharges } from './lambda-charges';
import type { PriceTableRef } from './lambda-cost';
import { MIN_EPHEMERAL_STORAGE_MB } from './limits';
import { PRICE_TABLE, type PriceTable } from './price-table';
import { resolveRegionPrices } from './region-prices';
import { type BatchProfile, type BatchShape, HOURS_PER_MONTH, invocationsPerMonth, messagesPerMonth, sizeBatch } from './sqs-batch';
import {
  DELETE_BATCH_MAX_ENTRIES,
  IDLE_POLLERS,
  LONG_POLL_WAIT_S,
  RECEIVE_MAX_MESSAGES,
  type SqsRequestCharge,
  chargeSqsRequests,
  countSqsRequests,
  idleReceivesPerMonth,
} from './sqs-requests';

/**
 * Monthly cost of draining an SQS queue with Lambda at each candidate batch size, and which feasible
 * batch size is cheapest.
 */

export interface SqsBatchRowOf<Amount> {
  readonly batchSize: number;
  readonly memoryMb: number;
  readonly durationMs: number;
  readonly invocationsPerMonth: number;
  readonly gbSeconds: Amount;
  /** Lambda plus SQS requests: `lambdaCost + sqsCost`. */
  readonly totalCost: Amount;
  readonly feasible: boolean;
  readonly violations: readonly BatchViolation[];
  readonly lambdaCost: Amount;
  /** Zero when SQS requests are left out (`includeSqsRequests: false`). */
  readonly sqsCost: Amount;
  /** The month's SQS requests at this batch size; null when they are left out. */
  readonly sqsRequests: SqsRequestCounts | null;
}

/** Billed SQS requests at one batch size, by API action. */
export interface SqsRequestCounts {
  readonly sendRequests: number;
  /** Billed receives: the chunks of calls that returned messages, plus `emptyReceives`. */
  readonly receiveRequests: number;
  /** Long polls that found the queue empty (part of `receiveRequests`). */
  readonly emptyReceives: number;
  readonly deleteRequests: number;
  readonly totalRequests: number;
  /** Requests the monthly free tier covers (0 without it). */
  readonly freeRequests: number;
}

export interface SqsBatchCostsOf<Amount> {
  readonly rows: readonly SqsBatchRowOf<Amount>[];
  /** null when every batch size breaks a limit. Ties go to the smaller batch (lower latency). */
  readonly cheapestFeasibleBatchSize: number | null;
  /** What the model takes for granted, in words, to show beside the numbers. */
  readonly assumptions: readonly string[];
  readonly priceTable: PriceTableRef;
  /** Whether rows include SQS request charges (the default). */
  readonly includesSqsRequests: boolean;
}

export type SqsBatchCosts = SqsBatchCostsOf<Decimal>;
/** The API shape: amounts in dollars rounded to the cent. */
export type SqsBatchCostsDto = SqsBatchCostsOf<number>;

/** A batch size's shape and the limits it breaks: independent of volume, architecture and prices. */
export interface BatchPlan {
  readonly shape: BatchShape;
  readonly violations: readonly BatchViolation[];
}

export interface PricedBatches {
  readonly rows: readonly SqsBatchRowOf<Decimal>[];
  /** Each row's SQS request charge, in row order; null when SQS requests are left out. */
  readonly sqsCharges: readonly (SqsRequestCharge | null)[];
}

export function estimateSqsBatchCosts(input: SqsBatchInput, table: PriceTable = PRICE_TABLE): SqsBatchCosts {
  const { rows } = priceBatchPlans(planBatchSizes(input), input, table);
  return {
    rows,
    cheapestFeasibleBatchSize: findCheapestFeasible(rows),
    assumptions: describeAssumptions(input),
    priceTable: { id: table.id, effectiveDate: table.effectiveDate, region: input.region },
    includesSqsRequests: includesSqsRequests(input),
  };
}

/** Size each batch and check it against the limits (the chart grid does this once for all volumes). */
export function planBatchSizes(input: Pick<SqsBatchInput, 'batchSizes' | 'messageSizeKb' | 'batchingWindowS'> & BatchProfile): BatchPlan[] {
  const batchingWindowS = input.batchingWindowS ?? 0;
  return input.batchSizes.map((batchSize) => {
    const shape = sizeBatch(batchSize, input);
    return {
      shape,
      violations: findBatchViolations({ ...shape, messageSizeKb: input.messageSizeKb, batchingWindowS }),
    };
  });
}

/** SQS request charges are part of the bill unless the input leaves them out explicitly. */
export function includesSqsRequests(input: Pick<SqsBatchInput, 'includeSqsRequests'>): boolean {
  return input.includeSqsRequests ?? true;
}

/** Price planned batch sizes at the input's volume, architecture and region. */
export function priceBatchPlans(plans: readonly BatchPlan[], input: Omit<SqsBatchInput, 'batchSizes'>, table: PriceTable = PRICE_TABLE): PricedBatches {
  const withSqs = includesSqsRequests(input);
  const monthlyMessages = messagesPerMonth(input.messagesPerDay);
  const prices = withSqs ? resolveRegionPrices(table, input.region) : null;
  const sqsCharges: (SqsRequestCharge | null)[] = [];

  const rows = plans.map(({ shape, violations }): SqsBatchRowOf<Decimal> => {
    const invocations = invocationsPerMonth(input.messagesPerDay, shape.batchSize);
    const lambda = computeLambdaCharges(
      {
        architecture: input.architecture,
        region: input.region,
        memoryMb: shape.memoryMb,
        durationMs: shape.durationMs,
        invocationsPerMonth: invocations,
        ephemeralStorageMb: MIN_EPHEMERAL_STORAGE_MB,
        includeFreeTier: input.includeFreeTier,
      },
      table,
    );
    const sqs = prices
      ? chargeSqsRequests(
          countSqsRequests({
            messagesPerMonth: monthlyMessages,
            messageSizeKb: input.messageSizeKb,
            batchSize: shape.batchSize,
            hoursPerMonth: HOURS_PER_MONTH,
          }),
          prices,
          input.includeFreeTier,
        )
      : null;
    sqsCharges.push(sqs);
    const sqsCost = sqs?.cost ?? Decimal.ZERO;
    return {
      batchSize: shape.batchSize,
      memoryMb: shape.memoryMb,
      durationMs: shape.durationMs,
      invocationsPerMonth: invocations,
      gbSeconds: lambda.usage.gbSeconds,
      totalCost: lambda.totalCost.plus(sqsCost),
      feasible: violations.length === 0,
      violations,
      lambdaCost: lambda.totalCost,
      sqsCost,
      sqsRequests: sqs ? summariseSqsRequests(sqs) : null,
    };
  });
  return { rows, sqsCharges };
}

/** The cheapest row that breaks no limit; the smaller batch wins a tie. */
export function findCheapestFeasible(rows: readonly SqsBatchRowOf<Decimal>[]): number | null {
  let best: SqsBatchRowOf<Decimal> | null = null;
  for (const row of rows) {
    if (!row.feasible) continue;
    const order = best === null ? -1 : row.totalCost.compare(best.totalCost);
    if (best === null || order < 0 || (order === 0 && row.batchSize < best.batchSize)) best = row;
  }
  return best?.batchSize ?? null;
}

function summariseSqsRequests({ requests, freeRequests }: SqsRequestCharge): SqsRequestCounts {
  return {
    sendRequests: requests.sendRequests,
    receiveRequests: requests.receiveRequests,
    emptyReceives: requests.emptyReceives,
    deleteRequests: requests.deleteRequests,
    totalRequests: requests.totalRequests,
    freeRequests: freeRequests.toNumber(),
  };
}

/** What the model takes for granted, in words, with the input's own figures. */
export function describeAssumptions(input: Omit<SqsBatchInput, 'batchSizes'>): string[] {
  const monthlyMessages = messagesPerMonth(input.messagesPerDay);
  const assumptions = [
    `A month is ${HOURS_PER_MONTH} hours: ${formatQuantity(input.messagesPerDay)} messages a day × ${HOURS_PER_MONTH} ÷ 24 = ` +
      `${formatQuantity(monthlyMessages)} messages a month (rounded up).`,
    'Every invocation receives a full batch, so invocations = messages ÷ batch size, rounded up. A batching ' +
      'window that closes early or a quiet queue delivers partial batches, which means more invocations than shown.',
    `Duration per batch = ${formatQuantity(input.warmLatencyMs)} ms + ${formatQuantity(input.perMessageMs)} ms × batch size: ` +
      'steady state with no cold starts, and no retries, poison messages or duplicate deliveries.',
    `Memory per batch = ${formatQuantity(input.baseMemoryMb)} MB + ${formatQuantity(input.batchMemoryOverheadMb)} MB ` +
      `for every ${formatQuantity(input.batchIncrement)} messages in the batch, with ${MIN_EPHEMERAL_STORAGE_MB} MB ` +
      'of (free) ephemeral storage.',
    input.batchingWindowS === undefined
      ? 'No batching window given: the AWS default of 0 s, so batch sizes above 10 are flagged as needing one.'
      : `Batching window: ${formatQuantity(input.batchingWindowS)} s.`,
    input.includeFreeTier ? 'The whole monthly free tier goes to this function; other usage in the account would share it.' : 'No free tier is applied.',
    `Lambda volume tiers count this function's GB-seconds alone; other ${input.architecture} functions in ` +
      `${input.region} share the same tiers and would reach the discounts sooner.`,
  ];
  assumptions.push(
    includesSqsRequests(input)
      ? 'SQS requests: producers send each message with its own SendMessage; Lambda receives each batch with ' +
          `ReceiveMessage calls of up to ${RECEIVE_MAX_MESSAGES} messages and deletes it with DeleteMessageBatch calls of up to ` +
          `${DELETE_BATCH_MAX_ENTRIES}; every 64 KB chunk of a call's payload is one request. While the queue is empty, ` +
          `${IDLE_POLLERS} pollers long-poll for ${LONG_POLL_WAIT_S} s at a time, so Lambda makes at least ` +
          `${formatQuantity(idleReceivesPerMonth(HOURS_PER_MONTH))} receives a month (${IDLE_POLLERS} × ${60 / LONG_POLL_WAIT_S} a minute); ` +
          'calls that return messages count towards that floor and the rest are empty receives. Retries, ' +
          'visibility changes and the dead-letter queue are not counted.'
      : 'SQS request charges are not included (the SQS cost post leaves them out); they are usually most of the bill.',
  );
  return assumptions;
}

/**
 * A row's total in dollars as the sum of its two rounded parts, so `totalCost = lambdaCost + sqsCost`
 * holds to the cent for whoever reads the parts (the exact total can differ from it by a cent).
 */
export function rowTotalDollars(row: Pick<SqsBatchRowOf<Decimal>, 'lambdaCost' | 'sqsCost'>): number {
  return toDollars(row.lambdaCost.roundHalfUp(2).plus(row.sqsCost.roundHalfUp(2)));
}

/** The API DTO: every amount in dollars rounded half-up to the cent. */
export function toSqsBatchCostsDto(result: SqsBatchCosts): SqsBatchCostsDto {
  return {
    rows: result.rows.map((row) => ({
      ...row,
      gbSeconds: row.gbSeconds.toNumber(),
      totalCost: rowTotalDollars(row),
      lambdaCost: toDollars(row.lambdaCost),
      sqsCost: toDollars(row.sqsCost),
    })),
    cheapestFeasibleBatchSize: result.cheapestFeasibleBatchSize,
    assumptions: result.assumptions,
    priceTable: result.priceTable,
    includesSqsRequests: result.includesSqsRequests,
  };
}
