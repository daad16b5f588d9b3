import type { LambdaCostInput, SqsBatchInput } from '@/lib/schemas/cost';

import { type CostGrid, DEFAULT_MESSAGES_PER_DAY, computeCostGrid } from './cost-grid';
import { toDollars } from './format';
import { computeLambdaCharges } from './lambda-charges';
import { type LambdaCostEstimateDto, estimateLambdaCost, toLambdaCostDto } from './lambda-cost';
import { MIN_EPHEMERAL_STORAGE_MB } from './limits';
import { ARCHITECTURES, type Architecture, PRICE_TABLE } from './price-table';
import { resolveRegionPrices } from './region-prices';
import { type SqsBatchCostsDto, estimateSqsBatchCosts, includesSqsRequests, toSqsBatchCostsDto } from './sqs-batch-cost';
import { HOURS_PER_MONTH, invocationsPerMonth, messagesPerMonth, sizeBatch } from './sqs-batch';
import { chargeSqsRequests, countSqsRequests } from './sqs-requests';
import { describeSqsRequestCalculation } from './sqs-requests-calculation';

/**
 * Everything the cost page shows for one set of inputs, computed in one call so the page can rerun
 * it on every keystroke. Pure and synchronous: the browser runs it, no server round trip.
 */

/** Monthly invocation counts the Lambda cost curve is drawn through (1-2-5 steps, 10 thousand to 10 billion). */
export const LAMBDA_SWEEP_INVOCATIONS: readonly number[] = [
  ...Array.from({ length: 6 }, (_, decade) => [1, 2, 5].map((step) => step * 10 ** (decade + 4))).flat(),
  10 ** 10,
];

export interface ArchitectureCost {
  readonly architecture: Architecture;
  readonly totalCost: number;
}

export interface LambdaView {
  readonly estimate: LambdaCostEstimateDto;
  /** What volume tiers save, from the exact amounts (not the difference of two rounded ones). */
  readonly tierSavings: number;
  /** The same function priced on each architecture. */
  readonly byArchitecture: readonly ArchitectureCost[];
  /** Monthly cost against invocations per month, one key per architecture. */
  readonly costByInvocations: readonly ({ readonly invocationsPerMonth: number } & Record<Architecture, number>)[];
}

export interface SqsBatchView {
  readonly costs: SqsBatchCostsDto;
  readonly grid: CostGrid;
  /** The estimate behind the recommended batch size (the first one if none is feasible), for "Show the calculation". */
  readonly recommended: {
    readonly batchSize: number;
    readonly estimate: LambdaCostEstimateDto;
    /** Its SQS requests, counted step by step; null when they are left out. */
    readonly sqs: { readonly lines: readonly string[]; readonly cost: number } | null;
  } | null;
}

export function computeLambdaView(input: LambdaCostInput): LambdaView {
  const exact = estimateLambdaCost(input);
  const estimate = toLambdaCostDto(exact);
  const totalAt = (architecture: Architecture, invocations: number) =>
    toDollars(computeLambdaCharges({ ...input, architecture, invocationsPerMonth: invocations }).totalCost);
  return {
    estimate,
    tierSavings: toDollars(exact.totalWithoutTiers.minus(exact.totalCost)),
    byArchitecture: ARCHITECTURES.map((architecture) => ({
      architecture,
      totalCost: architecture === input.architecture ? estimate.totalCost : totalAt(architecture, input.invocationsPerMonth),
    })),
    costByInvocations: withValue(LAMBDA_SWEEP_INVOCATIONS, input.invocationsPerMonth).map((invocations) => ({
      invocationsPerMonth: invocations,
      x86_64: totalAt('x86_64', invocations),
      arm64: totalAt('arm64', invocations),
    })),
  };
}

export function computeSqsBatchView(input: SqsBatchInput): SqsBatchView {
  const { batchSizes, ...base } = input;
  const costs = toSqsBatchCostsDto(estimateSqsBatchCosts(input));
  const grid = computeCostGrid({ base, batchSizes, volumes: withValue(DEFAULT_MESSAGES_PER_DAY, input.messagesPerDay) });
  const batchSize = costs.cheapestFeasibleBatchSize ?? batchSizes[0];
  return {
    costs,
    grid,
    recommended: batchSize === undefined ? null : { batchSize, estimate: estimateBatch(input, batchSize), sqs: explainSqsRequests(input, batchSize) },
  };
}

/** The SQS request count of one batch size, line by line, as the model prices it. */
function explainSqsRequests(input: SqsBatchInput, batchSize: number): { lines: string[]; cost: number } | null {
  if (!includesSqsRequests(input)) return null;
  const requests = countSqsRequests({
    messagesPerMonth: messagesPerMonth(input.messagesPerDay),
    messageSizeKb: input.messageSizeKb,
    batchSize,
    hoursPerMonth: HOURS_PER_MONTH,
  });
  const charge = chargeSqsRequests(requests, resolveRegionPrices(PRICE_TABLE, input.region), input.includeFreeTier);
  return { lines: describeSqsRequestCalculation(charge, input.messageSizeKb, HOURS_PER_MONTH), cost: toDollars(charge.cost) };
}

/** The single-function estimate for one batch size, as the SQS model prices it. */
function estimateBatch(input: SqsBatchInput, batchSize: number): LambdaCostEstimateDto {
  const shape = sizeBatch(batchSize, input);
  return toLambdaCostDto(
    estimateLambdaCost({
      architecture: input.architecture,
      region: input.region,
      memoryMb: shape.memoryMb,
      durationMs: shape.durationMs,
      invocationsPerMonth: invocationsPerMonth(input.messagesPerDay, batchSize),
      ephemeralStorageMb: MIN_EPHEMERAL_STORAGE_MB,
      includeFreeTier: input.includeFreeTier,
    }),
  );
}

/** `values` with `value` added in order (so a chart's line passes through the chosen point). */
export function withValue(values: readonly number[], value: number): number[] {
  return values.includes(value) ? [...values] : [...values, value].sort((a, b) => a - b);
}
