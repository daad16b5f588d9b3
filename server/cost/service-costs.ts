import 'server-only';
import { Decimal } from '@/lib/cost/decimal';
import { formatQuantity, formatUsd, toDollars } from '@/lib/cost/format';
import { PRICE_TABLE, type PriceTable, isPricedRegion } from '@/lib/cost/price-table';
import { resolveRegionPrices } from '@/lib/cost/region-prices';
import { HOURS_PER_MONTH, messagesPerMonth } from '@/lib/cost/sqs-batch';
import { chunksPerMessage } from '@/lib/cost/sqs-requests';
import { chargeTieredUsage, totalTierCost } from '@/lib/cost/tiered-usage';

import type { ProfileContext } from './cost-profile';

/**
 * Monthly cost of the blueprint profiles the estimator page does not model: a Step Functions workflow
 * and a queue without a consumer. The blueprint pages and launch previews quote these, so every
 * blueprint either shows a dollar figure or says why it has none.
 */

export interface StepFunctionsCostProfile {
  readonly kind: 'stepfunctions';
  readonly workflowType: 'STANDARD' | 'EXPRESS';
  readonly executionsPerMonth: number;
  readonly transitionsPerExecution: number;
  /** Express only: average duration and memory per execution. */
  readonly durationMs?: number;
  readonly memoryMb?: number;
}

export interface QueueCostProfile {
  readonly kind: 'sqs';
  readonly messagesPerDay: number;
  readonly messageSizeKb: number;
  /** API requests per message, e.g. 3 for send + receive + delete. */
  readonly requestsPerMessage: number;
}

export type ServiceCostEstimate =
  | {
      readonly kind: 'priced';
      /** Dollars rounded to the cent. */
      readonly totalCost: number;
      /** One line of arithmetic per charge, ending in the total. */
      readonly calculation: readonly string[];
      /** What is counted, in a few words: "180,000 state transitions a month". */
      readonly usage: string;
    }
  | { readonly kind: 'unpriced'; readonly reason: string };

/** Express bills duration rounded up to 100 ms and memory in 64 MB steps. */
const EXPRESS_DURATION_STEP_MS = 100;
const EXPRESS_MEMORY_STEP_MB = 64;

/** A workflow's month: state transitions (Standard) or requests and GB-seconds (Express). */
export function estimateStepFunctionsCost(profile: StepFunctionsCostProfile, context: ProfileContext, table: PriceTable = PRICE_TABLE): ServiceCostEstimate {
  if (!isPricedRegion(context.region, table)) return { kind: 'unpriced', reason: `${context.region} is not in price table ${table.id}.` };
  const prices = table.regions[context.region]!.stepFunctions;
  if (profile.workflowType === 'STANDARD') {
    const transitions = Decimal.of(profile.executionsPerMonth).times(profile.transitionsPerExecution);
    const free = context.includeFreeTier ? Decimal.min(Decimal.of(table.stepFunctionsFreeTierTransitions), transitions) : Decimal.ZERO;
    const rate = Decimal.of(prices.perStateTransition);
    const cost = transitions.minus(free).times(rate);
    return {
      kind: 'priced',
      totalCost: toDollars(cost),
      usage: `${formatQuantity(transitions)} state transitions a month`,
      calculation: [
        `${formatQuantity(profile.executionsPerMonth)} executions × ${formatQuantity(profile.transitionsPerExecution)} state transitions = ${formatQuantity(transitions)} transitions.`,
        `${free.isZero() ? formatQuantity(transitions) : `(${formatQuantity(transitions)} − ${formatQuantity(free)} free)`} × ` +
          `${formatUnitPrice(rate.times(1000))} per 1,000 = ${formatUsd(cost)}.`,
      ],
    };
  }
  if (!prices.express) return { kind: 'unpriced', reason: `Price table ${table.id} has no Express workflow rates for ${context.region}.` };
  if (profile.durationMs === undefined || profile.memoryMb === undefined) {
    return { kind: 'unpriced', reason: 'An Express workflow is billed by duration and memory, and the profile gives neither.' };
  }
  const billedMs = Math.ceil(profile.durationMs / EXPRESS_DURATION_STEP_MS) * EXPRESS_DURATION_STEP_MS;
  const billedMb = Math.ceil(profile.memoryMb / EXPRESS_MEMORY_STEP_MB) * EXPRESS_MEMORY_STEP_MB;
  const gbSeconds = Decimal.of(profile.executionsPerMonth).times(billedMs).times(billedMb).dividedBy(1000).dividedBy(1024);
  const durationTiers = chargeTieredUsage(
    gbSeconds,
    prices.express.durationTiers.map((tier) => ({
      upTo: tier.upToGbSeconds === null ? null : Decimal.of(tier.upToGbSeconds),
      rate: Decimal.of(tier.perGbSecond),
    })),
    Decimal.ZERO,
  );
  const durationCost = totalTierCost(durationTiers);
  const requestCost = Decimal.of(profile.executionsPerMonth).times(Decimal.of(prices.express.requestsPerMillion)).dividedBy(1_000_000);
  const total = requestCost.plus(durationCost);
  return {
    kind: 'priced',
    totalCost: toDollars(total),
    usage: `${formatQuantity(profile.executionsPerMonth)} Express executions a month`,
    calculation: [
      `Requests: ${formatQuantity(profile.executionsPerMonth)} × ${formatUnitPrice(Decimal.of(prices.express.requestsPerMillion))} per million = ${formatUsd(requestCost)}.`,
      `Duration: ${formatQuantity(profile.executionsPerMonth)} × ${formatQuantity(billedMs)} ms (rounded up to 100 ms) × ${formatQuantity(billedMb)} MB ` +
        `(in 64 MB steps) = ${formatQuantity(gbSeconds)} GB-s = ${formatUsd(durationCost)}.`,
      `Total: ${formatUsd(total)}.`,
    ],
  };
}

/** A queue's requests when nothing in the stack consumes it: messages × requests per message, per 64 KB chunk. */
export function estimateQueueCost(profile: QueueCostProfile, context: ProfileContext, table: PriceTable = PRICE_TABLE): ServiceCostEstimate {
  if (!isPricedRegion(context.region, table)) return { kind: 'unpriced', reason: `${context.region} is not in price table ${table.id}.` };
  const prices = resolveRegionPrices(table, context.region);
  const messages = messagesPerMonth(profile.messagesPerDay);
  const chunks = chunksPerMessage(profile.messageSizeKb);
  const requests = Decimal.of(messages).times(profile.requestsPerMessage).times(chunks);
  const free = context.includeFreeTier ? prices.sqs.freeRequests : Decimal.ZERO;
  const cost = totalTierCost(chargeTieredUsage(requests, prices.sqs.requestTiers, free));
  return {
    kind: 'priced',
    totalCost: toDollars(cost),
    usage: `${formatQuantity(requests)} SQS requests a month`,
    calculation: [
      `${formatQuantity(profile.messagesPerDay)} messages a day × ${HOURS_PER_MONTH} ÷ 24 = ${formatQuantity(messages)} messages a month.`,
      `${formatQuantity(messages)} × ${formatQuantity(profile.requestsPerMessage)} requests × ${chunks} (64 KB chunks of ${formatQuantity(profile.messageSizeKb)} KB) = ` +
        `${formatQuantity(requests)} requests${free.isZero() ? '' : `, the first ${formatQuantity(free)} free`} = ${formatUsd(cost)}.`,
    ],
  };
}

/** A unit price with all its digits but at least cents: "$0.025", "$1.00". */
function formatUnitPrice(price: Decimal): string {
  return price.roundHalfUp(2).compare(price) === 0 ? formatUsd(price) : `$${formatQuantity(price)}`;
}
