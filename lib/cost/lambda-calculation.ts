import type { LambdaCostInput } from '@/lib/schemas/cost';

import { Decimal } from './decimal';
import { formatQuantity, formatRate, formatUsd } from './format';
import type { LambdaCharges } from './lambda-charges';
import { MIN_EPHEMERAL_STORAGE_MB } from './limits';
import type { ResolvedDurationTier } from './region-prices';
import type { TierCharge } from './tiered-usage';

/**
 * The itemised arithmetic in words, for the "Show the calculation" panel. Each line is one step a
 * reader can redo with a calculator; amounts are shown rounded to the cent, rates in full.
 */

/** AWS's price list shows per-GB-second rates to 10 decimal places. */
const PUBLISHED_RATE_DECIMALS = 10;

/** "Tier 2 (6,000,000,000 to 15,000,000,000 GB-s, 10% off)" — shared with the line-item labels. */
export function describeDurationTier(charge: TierCharge, index: number, tier: ResolvedDurationTier | undefined): string {
  const range =
    charge.to === null
      ? index === 0
        ? 'all GB-s'
        : `over ${formatQuantity(charge.from)} GB-s`
      : index === 0
        ? `first ${formatQuantity(charge.to)} GB-s`
        : `${formatQuantity(charge.from)} to ${formatQuantity(charge.to)} GB-s`;
  const discount = tier && !tier.discountPercent.isZero() ? `, ${tier.discountPercent.toString()}% off` : '';
  return `Tier ${index + 1} (${range}${discount})`;
}

export function describeLambdaCalculation(input: LambdaCostInput, charges: LambdaCharges): string[] {
  const { usage, prices } = charges;
  const { lambda } = prices;
  const seconds = Decimal.of(usage.billedDurationMs).dividedBy(1000);
  const lines: string[] = [];

  lines.push(
    usage.billedDurationMs === input.durationMs
      ? `Billed duration: ${formatQuantity(usage.billedDurationMs)} ms per invocation (Lambda rounds up to the next 1 ms).`
      : `Billed duration: ${formatQuantity(Decimal.of(input.durationMs))} ms rounded up to the next 1 ms = ` +
          `${formatQuantity(usage.billedDurationMs)} ms per invocation.`,
  );
  lines.push(
    `Compute: ${formatQuantity(usage.invocations)} invocations × ${formatQuantity(seconds)} s × ` +
      `${formatQuantity(Decimal.of(input.memoryMb).dividedBy(1024))} GB (${formatQuantity(input.memoryMb)} MB ÷ 1,024) = ` +
      `${formatQuantity(usage.gbSeconds)} GB-s.`,
  );

  if (charges.includeFreeTier) {
    lines.push(
      `Free tier: ${formatQuantity(lambda.freeRequests)} requests and ${formatQuantity(lambda.freeGbSeconds)} GB-s a month` +
        `${charges.useTiers ? ', taken from the first duration tier' : ''}. It is one allowance per account, shared by x86_64 and arm64; ` +
        'this estimate gives all of it to this function.',
    );
  }

  const requestQuantity = charges.freeRequests.isZero()
    ? `${formatQuantity(charges.billableRequests)} requests`
    : `(${formatQuantity(usage.invocations)} − ${formatQuantity(charges.freeRequests)} free) requests`;
  lines.push(`Requests: ${requestQuantity} × $${lambda.requestsPerMillion.toFixed(2)} per million = ${formatUsd(charges.requestCost)}.`);

  lines.push(...describeCompute(charges));
  lines.push(describeStorage(input, charges, seconds));

  lines.push(
    `Total: ${formatUsd(charges.requestCost)} requests + ${formatUsd(charges.computeCost)} compute + ` +
      `${formatUsd(charges.storageCost)} storage = ${formatUsd(charges.totalCost)}.`,
  );
  const savings = charges.totalWithoutTiers.minus(charges.totalCost);
  if (charges.useTiers && !savings.isZero()) {
    lines.push(`Without volume tiers the same month costs ${formatUsd(charges.totalWithoutTiers)}; tiering saves ${formatUsd(savings)}.`);
  }
  lines.push(
    `Prices: table ${prices.table.id} (effective ${prices.table.effectiveDate}), ${prices.regionName} (${prices.region}), ` +
      `${charges.architecture}. ` +
      'Every amount is exact until shown and rounded half-up to the cent on its own, so rounded parts can ' +
      'differ from the rounded total by a cent.',
  );
  return lines;
}

function describeCompute(charges: LambdaCharges): string[] {
  const architecture = charges.prices.lambda.architectures[charges.architecture];
  if (!charges.useTiers) {
    const [flat] = charges.computeTiers;
    if (!flat) return [];
    return [`Compute charge (volume tiers off): ${billedQuantity(flat)} GB-s × ${formatRate(flat.rate)} = ${formatUsd(flat.cost)}.`];
  }
  const used = charges.computeTiers.map((charge, index) => ({ charge, index })).filter(({ charge }) => !charge.quantity.isZero());
  const lines = used.map(({ charge, index }) => {
    const tier = architecture.tiers[index];
    const published = charge.rate.roundHalfUp(PUBLISHED_RATE_DECIMALS);
    const rate =
      published.compare(charge.rate) === 0
        ? `${formatRate(charge.rate)}/GB-s`
        : `${formatRate(charge.rate)}/GB-s (AWS lists it rounded, ${formatRate(published)})`;
    return (
      `${describeDurationTier(charge, index, tier)} at ${rate}: ` + `${billedQuantity(charge)} GB-s × ${formatRate(charge.rate)} = ${formatUsd(charge.cost)}.`
    );
  });
  if (used.length > 1) {
    lines.push(`Compute charge: ${used.map(({ charge }) => formatUsd(charge.cost)).join(' + ')} = ${formatUsd(charges.computeCost)}.`);
  } else if (used.length === 0) {
    lines.push(`Compute charge: no GB-seconds, ${formatUsd(charges.computeCost)}.`);
  }
  return lines;
}

function billedQuantity(charge: TierCharge): string {
  return charge.freeQuantity.isZero() ? formatQuantity(charge.quantity) : `(${formatQuantity(charge.quantity)} − ${formatQuantity(charge.freeQuantity)} free)`;
}

function describeStorage(input: LambdaCostInput, charges: LambdaCharges, seconds: Decimal): string {
  const { usage } = charges;
  if (usage.extraStorageMb === 0) {
    return `Ephemeral storage: ${formatQuantity(input.ephemeralStorageMb)} MB configured; the first ${MIN_EPHEMERAL_STORAGE_MB} MB are free, so ${formatUsd(charges.storageCost)}.`;
  }
  return (
    `Ephemeral storage: ${formatQuantity(usage.invocations)} invocations × ${formatQuantity(seconds)} s × ` +
    `${formatQuantity(Decimal.of(usage.extraStorageMb).dividedBy(1024))} GB ` +
    `(${formatQuantity(input.ephemeralStorageMb)} MB − ${MIN_EPHEMERAL_STORAGE_MB} MB free) = ` +
    `${formatQuantity(usage.storageGbSeconds)} GB-s × ${formatRate(charges.prices.lambda.ephemeralStoragePerGbSecond)} = ` +
    `${formatUsd(charges.storageCost)}.`
  );
}
