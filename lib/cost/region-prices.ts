import { Decimal } from './decimal';
import { type Architecture, type PriceTable, isPricedRegion } from './price-table';
import type { RateTier } from './tiered-usage';

/**
 * A region's prices from the table, parsed into exact decimals and with every tier's rate worked out.
 * Parsed once per table and region (cached), because the chart grid prices hundreds of scenarios.
 */
export interface ResolvedRegionPrices {
  readonly table: PriceTable;
  readonly region: string;
  readonly regionName: string;
  readonly lambda: {
    readonly perRequest: Decimal;
    readonly requestsPerMillion: Decimal;
    readonly ephemeralStoragePerGbSecond: Decimal;
    readonly freeGbSeconds: Decimal;
    readonly freeRequests: Decimal;
    readonly architectures: Readonly<Record<Architecture, ResolvedArchitecturePrices>>;
  };
  readonly sqs: {
    readonly freeRequests: Decimal;
    readonly requestTiers: readonly RateTier[];
  };
}

export interface ResolvedArchitecturePrices {
  readonly baseRatePerGbSecond: Decimal;
  readonly tiers: readonly ResolvedDurationTier[];
}

export interface ResolvedDurationTier extends RateTier {
  readonly discountPercent: Decimal;
}

const cache = new WeakMap<PriceTable, Map<string, ResolvedRegionPrices>>();

/** The region's prices; throws a RangeError naming the table when the region is not in it. */
export function resolveRegionPrices(table: PriceTable, region: string): ResolvedRegionPrices {
  let byRegion = cache.get(table);
  if (!byRegion) {
    byRegion = new Map();
    cache.set(table, byRegion);
  }
  const cached = byRegion.get(region);
  if (cached) return cached;
  const resolved = resolve(table, region);
  byRegion.set(region, resolved);
  return resolved;
}

function resolve(table: PriceTable, region: string): ResolvedRegionPrices {
  const prices = isPricedRegion(region, table) ? table.regions[region] : undefined;
  if (!prices) throw new RangeError(`region "${region}" has no prices in price table ${table.id}`);
  const architecture = (name: Architecture): ResolvedArchitecturePrices => {
    const { ratePerGbSecond, tiers } = prices.lambda.architectures[name];
    const base = Decimal.of(ratePerGbSecond);
    return {
      baseRatePerGbSecond: base,
      tiers: tiers.map((tier) => {
        const discountPercent = Decimal.of(tier.discountPercent);
        // Exact, unrounded: base × (100 − discount) / 100. See LambdaDurationTier for why.
        const rate = base.times(Decimal.of(100).minus(discountPercent)).dividedBy(100);
        return { upTo: tier.upToGbSeconds === null ? null : Decimal.of(tier.upToGbSeconds), rate, discountPercent };
      }),
    };
  };
  const requestsPerMillion = Decimal.of(prices.lambda.requestsPerMillion);
  return {
    table,
    region,
    regionName: prices.name,
    lambda: {
      perRequest: requestsPerMillion.dividedBy(1_000_000),
      requestsPerMillion,
      ephemeralStoragePerGbSecond: Decimal.of(prices.lambda.ephemeralStoragePerGbSecond),
      freeGbSeconds: Decimal.of(table.lambdaFreeTier.gbSeconds),
      freeRequests: Decimal.of(table.lambdaFreeTier.requests),
      architectures: { x86_64: architecture('x86_64'), arm64: architecture('arm64') },
    },
    sqs: {
      freeRequests: Decimal.of(table.sqsFreeTierRequests),
      requestTiers: prices.sqs.standardRequestTiers.map((tier) => ({
        upTo: tier.upToRequests === null ? null : Decimal.of(tier.upToRequests),
        rate: Decimal.of(tier.perMillion).dividedBy(1_000_000),
      })),
    },
  };
}
