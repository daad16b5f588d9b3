import { Decimal } from './decimal';

/**
 * Volume tiering, shared by Lambda duration (GB-seconds) and SQS requests: usage fills the tiers in
 * order, each tier's slice is billed at its own rate, and a free allowance is taken from the first
 * tier (then the next, should it ever be larger than the first).
 */

export interface RateTier {
  /** Cumulative usage at which this tier ends; null for the open top tier. */
  readonly upTo: Decimal | null;
  readonly rate: Decimal;
}

export interface TierCharge {
  readonly from: Decimal;
  readonly to: Decimal | null;
  /** Usage that falls in this tier, free allowance included. */
  readonly quantity: Decimal;
  /** The part of `quantity` covered by the free allowance. */
  readonly freeQuantity: Decimal;
  readonly rate: Decimal;
  readonly cost: Decimal;
}

/** Split `usage` across `tiers` and price each slice. Every tier is returned, used or not. */
export function chargeTieredUsage(usage: Decimal, tiers: readonly RateTier[], freeAllowance: Decimal): TierCharge[] {
  const charges: TierCharge[] = [];
  let from = Decimal.ZERO;
  let freeLeft = freeAllowance;
  for (const tier of tiers) {
    const to = tier.upTo;
    const ceiling = to === null ? usage : Decimal.min(usage, to);
    const quantity = ceiling.compare(from) > 0 ? ceiling.minus(from) : Decimal.ZERO;
    const freeQuantity = Decimal.min(quantity, freeLeft);
    freeLeft = freeLeft.minus(freeQuantity);
    charges.push({
      from,
      to,
      quantity,
      freeQuantity,
      rate: tier.rate,
      cost: quantity.minus(freeQuantity).times(tier.rate),
    });
    if (to === null) break;
    from = to;
  }
  return charges;
}

/** Sum of the tiers' costs. */
export function totalTierCost(charges: readonly TierCharge[]): Decimal {
  return charges.reduce((sum, charge) => sum.plus(charge.cost), Decimal.ZERO);
}
