import type { LambdaCostInput } from '@/lib/schemas/cost';

import type { Decimal } from './decimal';
import { toDollars } from './format';
import { describeDurationTier, describeLambdaCalculation } from './lambda-calculation';
import { computeLambdaCharges } from './lambda-charges';
import { PRICE_TABLE, type PriceTable } from './price-table';

/** Which prices produced a result: every estimate carries this so it can be explained later. */
export interface PriceTableRef {
  readonly id: string;
  readonly effectiveDate: string;
  readonly region: string;
}

export interface LambdaTierCost<Amount> {
  readonly fromGbSeconds: Amount;
  /** null for the open top tier. */
  readonly toGbSeconds: Amount | null;
  /** Usage falling in this tier, free-tier GB-seconds included. */
  readonly gbSeconds: Amount;
  /** The part of `gbSeconds` the free tier covers. */
  readonly freeGbSeconds: Amount;
  readonly ratePerGbSecond: Amount;
  readonly cost: Amount;
}

export interface CostLineItem<Amount> {
  readonly label: string;
  readonly quantity: Amount;
  readonly unit: 'requests' | 'GB-s';
  /** Price per one unit, so quantity × rate = cost. */
  readonly rate: Amount;
  readonly cost: Amount;
}

/** `Amount` is `Decimal` in the exact result and `number` in the API DTO. */
export interface LambdaCostEstimateOf<Amount> {
  readonly gbSeconds: Amount;
  readonly billedDurationMs: number;
  readonly requestCost: Amount;
  readonly computeCost: Amount;
  readonly storageCost: Amount;
  readonly totalCost: Amount;
  readonly totalWithoutTiers: Amount;
  readonly tiers: readonly LambdaTierCost<Amount>[];
  readonly priceTable: PriceTableRef;
  readonly lineItems: readonly CostLineItem<Amount>[];
  readonly calculation: readonly string[];
}

/** The exact estimate: amounts are unrounded decimals. */
export type LambdaCostEstimate = LambdaCostEstimateOf<Decimal>;
/** The API shape: amounts in dollars rounded to the cent; quantities and rates as plain numbers. */
export type LambdaCostEstimateDto = LambdaCostEstimateOf<number>;

/** Monthly cost of one Lambda function: requests, tiered compute and ephemeral storage, exactly. */
export function estimateLambdaCost(input: LambdaCostInput, table: PriceTable = PRICE_TABLE): LambdaCostEstimate {
  const charges = computeLambdaCharges(input, table);
  const { usage, prices } = charges;
  const durationTiers = prices.lambda.architectures[input.architecture].tiers;

  const tiers = charges.computeTiers.map((charge) => ({
    fromGbSeconds: charge.from,
    toGbSeconds: charge.to,
    gbSeconds: charge.quantity,
    freeGbSeconds: charge.freeQuantity,
    ratePerGbSecond: charge.rate,
    cost: charge.cost,
  }));

  const computeItems: CostLineItem<Decimal>[] = charges.computeTiers
    .map((charge, index) => ({ charge, index }))
    .filter(({ charge, index }) => index === 0 || !charge.quantity.isZero())
    .map(({ charge, index }) => ({
      label: charges.useTiers ? `Compute, ${describeDurationTier(charge, index, durationTiers[index])}` : 'Compute',
      quantity: charge.quantity.minus(charge.freeQuantity),
      unit: 'GB-s',
      rate: charge.rate,
      cost: charge.cost,
    }));
  const storageItems: CostLineItem<Decimal>[] =
    usage.extraStorageMb === 0
      ? []
      : [
          {
            label: 'Ephemeral storage above 512 MB',
            quantity: usage.storageGbSeconds,
            unit: 'GB-s',
            rate: prices.lambda.ephemeralStoragePerGbSecond,
            cost: charges.storageCost,
          },
        ];

  return {
    gbSeconds: usage.gbSeconds,
    billedDurationMs: usage.billedDurationMs,
    requestCost: charges.requestCost,
    computeCost: charges.computeCost,
    storageCost: charges.storageCost,
    totalCost: charges.totalCost,
    totalWithoutTiers: charges.totalWithoutTiers,
    tiers,
    priceTable: { id: table.id, effectiveDate: table.effectiveDate, region: input.region },
    lineItems: [
      {
        label: 'Requests',
        quantity: charges.billableRequests,
        unit: 'requests',
        rate: prices.lambda.perRequest,
        cost: charges.requestCost,
      },
      ...computeItems,
      ...storageItems,
    ],
    calculation: describeLambdaCalculation(input, charges),
  };
}

/** The API DTO: every amount in dollars rounded half-up to the cent, each rounded from its exact value. */
export function toLambdaCostDto(estimate: LambdaCostEstimate): LambdaCostEstimateDto {
  return {
    gbSeconds: estimate.gbSeconds.toNumber(),
    billedDurationMs: estimate.billedDurationMs,
    requestCost: toDollars(estimate.requestCost),
    computeCost: toDollars(estimate.computeCost),
    storageCost: toDollars(estimate.storageCost),
    totalCost: toDollars(estimate.totalCost),
    totalWithoutTiers: toDollars(estimate.totalWithoutTiers),
    tiers: estimate.tiers.map((tier) => ({
      fromGbSeconds: tier.fromGbSeconds.toNumber(),
      toGbSeconds: tier.toGbSeconds === null ? null : tier.toGbSeconds.toNumber(),
      gbSeconds: tier.gbSeconds.toNumber(),
      freeGbSeconds: tier.freeGbSeconds.toNumber(),
      ratePerGbSecond: tier.ratePerGbSecond.toNumber(),
      cost: toDollars(tier.cost),
    })),
    priceTable: estimate.priceTable,
    lineItems: estimate.lineItems.map((item) => ({
      label: item.label,
      quantity: item.quantity.toNumber(),
      unit: item.unit,
      rate: item.rate.toNumber(),
      cost: toDollars(item.cost),
    })),
    calculation: estimate.calculation,
  };
}
