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
import { type SqsRequestCharge, chargeSqsRequests, countSqsRequests } from './sqs-requests';

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
  /** Lambda plus SQS requests (SQS is zero unless requested). */
  readonly totalCost: Amount;
  readonly feasible: boolean;
  readonly violations: readonly BatchViolation[];
  readonly lambdaCost: Amount;
  readonly sqsCost: Amount;
}

export interface SqsRequestSummaryOf<Amount> {
  readonly messagesPerMonth: number;
  readonly chunksPerMessage: number;
  readonly sendRequests: number;
  readonly receiveRequests: number;
  readonly deleteRequests: number;
  readonly totalRequests: number;
  readonly freeRequests: number;
  readonly cost: Amount;
}

export interface SqsBatchCostsOf<Amount> {
  readonly rows: readonly SqsBatchRowOf<Amount>[];
  /** null when every batch size breaks a limit. Ties go to the smaller batch (lower latency). */
  readonly cheapestFeasibleBatchSize: number | null;
  /** What the model takes for granted, in words, to show beside the numbers. */
  readonly assumptions: readonly string[];
  readonly priceTable: PriceTableRef;
  /** The SQS request count and charge, the same for every batch size; null when not requested. */
  readonly sqsRequests: SqsRequestSummaryOf<Amount> | null;
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
  readonly sqsRequests: SqsRequestCharge | null;
}

export function estimateSqsBatchCosts(input: SqsBatchInput, table: PriceTable = PRICE_TABLE): SqsBatchCosts {
  const { rows, sqsRequests } = priceBatchPlans(planBatchSizes(input), input, table);
  return {
    rows,
    cheapestFeasibleBatchSize: findCheapestFeasible(rows),
    assumptions: describeAssumptions(input),
    priceTable: { id: table.id, effectiveDate: table.effectiveDate, region: input.region },
    sqsRequests: sqsRequests ? summariseSqsRequests(sqsRequests) : null,
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

/** Price planned batch sizes at the input's volume, architecture and region. */
export function priceBatchPlans(plans: readonly BatchPlan[], input: Omit<SqsBatchInput, 'batchSizes'>, table: PriceTable = PRICE_TABLE): PricedBatches {
  const sqsRequests = input.includeSqsRequests
    ? chargeSqsRequests(
        countSqsRequests(messagesPerMonth(input.messagesPerDay), input.messageSizeKb),
        resolveRegionPrices(table, input.region),
        input.includeFreeTier,
      )
    : null;
  const sqsCost = sqsRequests?.cost ?? Decimal.ZERO;

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
    };
  });
  return { rows, sqsRequests };
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

function summariseSqsRequests(charge: SqsRequestCharge): SqsRequestSummaryOf<Decimal> {
  return { ...charge.requests, freeRequests: charge.freeRequests.toNumber(), cost: charge.cost };
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
    input.includeSqsRequests
      ? 'SQS requests: each message is sent, received and deleted once, one message per call; send and receive ' +
          "are billed per 64 KB chunk of the message, delete as one request. Batched calls would cost less; Lambda's " +
          'empty long-poll receives on a quiet queue would cost more and are not counted.'
      : 'SQS request charges are not included (the SQS cost post leaves them out too).',
  );
  return assumptions;
}

/** The API DTO: every amount in dollars rounded half-up to the cent. */
export function toSqsBatchCostsDto(result: SqsBatchCosts): SqsBatchCostsDto {
  return {
    rows: result.rows.map((row) => ({
      ...row,
      gbSeconds: row.gbSeconds.toNumber(),
      totalCost: toDollars(row.totalCost),
      lambdaCost: toDollars(row.lambdaCost),
      sqsCost: toDollars(row.sqsCost),
    })),
    cheapestFeasibleBatchSize: result.cheapestFeasibleBatchSize,
    assumptions: result.assumptions,
    priceTable: result.priceTable,
    sqsRequests: result.sqsRequests ? { ...result.sqsRequests, cost: toDollars(result.sqsRequests.cost) } : null,
  };
}
