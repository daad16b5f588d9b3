import type { LambdaCostInput } from '@/lib/schemas/cost';

import { Decimal } from './decimal';
import { MIN_EPHEMERAL_STORAGE_MB } from './limits';
import { PRICE_TABLE, type PriceTable } from './price-table';
import { type ResolvedRegionPrices, resolveRegionPrices } from './region-prices';
import { type TierCharge, chargeTieredUsage, totalTierCost } from './tiered-usage';

/**
 * The Lambda bill for one function-month, exactly. This is the lean core the chart grid calls
 * hundreds of times; `estimateLambdaCost` wraps it with line items and the written-out calculation.
 */

/** MB-milliseconds per GB-second: 1,024 MB per GB × 1,000 ms per second. */
const MB_MS_PER_GB_SECOND = 1_024_000;

export interface LambdaUsage {
  /** Duration rounded up to the next whole millisecond, at least 1 ms. */
  readonly billedDurationMs: number;
  readonly invocations: Decimal;
  readonly gbSecondsPerInvocation: Decimal;
  readonly gbSeconds: Decimal;
  /** Ephemeral storage configured above the free 512 MB. */
  readonly extraStorageMb: number;
  readonly storageGbSeconds: Decimal;
}

export interface LambdaCharges {
  readonly usage: LambdaUsage;
  readonly prices: ResolvedRegionPrices;
  readonly architecture: LambdaCostInput['architecture'];
  readonly useTiers: boolean;
  readonly includeFreeTier: boolean;
  readonly freeRequests: Decimal;
  readonly billableRequests: Decimal;
  readonly requestCost: Decimal;
  /** The duration tiers as billed: the region's tiers, or one flat tier when tiering is off. */
  readonly computeTiers: readonly TierCharge[];
  readonly computeCost: Decimal;
  readonly computeCostWithoutTiers: Decimal;
  readonly storageCost: Decimal;
  readonly totalCost: Decimal;
  readonly totalWithoutTiers: Decimal;
}

/** Lambda bills duration rounded up to the next 1 ms, and never less than 1 ms. */
export function billedDurationMs(durationMs: number): number {
  return Math.max(1, Number(Decimal.of(durationMs).ceil()));
}

/** GB-seconds of compute and of extra ephemeral storage for a month of invocations. */
export function measureLambdaUsage(input: Pick<LambdaCostInput, 'memoryMb' | 'durationMs' | 'invocationsPerMonth' | 'ephemeralStorageMb'>): LambdaUsage {
  const billedMs = billedDurationMs(input.durationMs);
  const invocations = Decimal.of(input.invocationsPerMonth);
  const gbSecondsPerInvocation = Decimal.of(input.memoryMb).times(billedMs).dividedBy(MB_MS_PER_GB_SECOND);
  const extraStorageMb = Math.max(0, input.ephemeralStorageMb - MIN_EPHEMERAL_STORAGE_MB);
  const storageGbSecondsPerInvocation = Decimal.of(extraStorageMb).times(billedMs).dividedBy(MB_MS_PER_GB_SECOND);
  return {
    billedDurationMs: billedMs,
    invocations,
    gbSecondsPerInvocation,
    gbSeconds: invocations.times(gbSecondsPerInvocation),
    extraStorageMb,
    storageGbSeconds: invocations.times(storageGbSecondsPerInvocation),
  };
}

/** Requests, tiered compute and ephemeral storage for one function in one region and architecture. */
export function computeLambdaCharges(input: LambdaCostInput, table: PriceTable = PRICE_TABLE): LambdaCharges {
  const prices = resolveRegionPrices(table, input.region);
  const { lambda } = prices;
  const usage = measureLambdaUsage(input);
  const useTiers = input.useTiers ?? true;
  const architecture = lambda.architectures[input.architecture];

  // The free tier is one allowance per account; an estimate for a single function gives it all to
  // that function. Free GB-seconds come out of the first duration tier, as AWS applies them.
  const freeRequests = input.includeFreeTier ? Decimal.min(lambda.freeRequests, usage.invocations) : Decimal.ZERO;
  const freeGbSeconds = input.includeFreeTier ? lambda.freeGbSeconds : Decimal.ZERO;

  const billableRequests = usage.invocations.minus(freeRequests);
  const requestCost = billableRequests.times(lambda.perRequest);

  const flatTier = [{ upTo: null, rate: architecture.baseRatePerGbSecond }];
  const flatCharges = chargeTieredUsage(usage.gbSeconds, flatTier, freeGbSeconds);
  const computeCostWithoutTiers = totalTierCost(flatCharges);
  const computeTiers = useTiers ? chargeTieredUsage(usage.gbSeconds, architecture.tiers, freeGbSeconds) : flatCharges;
  const computeCost = useTiers ? totalTierCost(computeTiers) : computeCostWithoutTiers;

  // Ephemeral storage has no free tier and no volume tiers.
  const storageCost = usage.storageGbSeconds.times(lambda.ephemeralStoragePerGbSecond);

  return {
    usage,
    prices,
    architecture: input.architecture,
    useTiers,
    includeFreeTier: input.includeFreeTier,
    freeRequests,
    billableRequests,
    requestCost,
    computeTiers,
    computeCost,
    computeCostWithoutTiers,
    storageCost,
    totalCost: requestCost.plus(computeCost).plus(storageCost),
    totalWithoutTiers: requestCost.plus(computeCostWithoutTiers).plus(storageCost),
  };
}
