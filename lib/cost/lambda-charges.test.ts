import { describe, expect, it } from 'vitest';

import type { LambdaCostInput } from '@/lib/schemas/cost';

import { Decimal } from './decimal';
import { formatUsd } from './format';
import { billedDurationMs, computeLambdaCharges, measureLambdaUsage } from './lambda-charges';
import { type Architecture, PRICE_TABLE } from './price-table';
import { resolveRegionPrices } from './region-prices';

function input(overrides: Partial<LambdaCostInput> = {}): LambdaCostInput {
  return {
    architecture: 'x86_64',
    region: 'us-east-1',
    memoryMb: 1024,
    durationMs: 1000,
    invocationsPerMonth: 1_000_000,
    ephemeralStorageMb: 512,
    includeFreeTier: false,
    ...overrides,
  };
}

/** 1,024 MB for 1 s: exactly one GB-second per invocation, so invocations count GB-seconds. */
const oneGbSecondEach = (invocationsPerMonth: number, architecture: Architecture, includeFreeTier = false) =>
  computeLambdaCharges(input({ invocationsPerMonth, architecture, includeFreeTier }));

describe('billed duration', () => {
  it('rounds up to the next whole millisecond', () => {
    expect(billedDurationMs(1.2)).toBe(2);
    expect(billedDurationMs(2)).toBe(2);
    expect(billedDurationMs(60_000)).toBe(60_000);
    expect(billedDurationMs(99.0001)).toBe(100);
  });

  it('bills at least 1 ms', () => {
    expect(billedDurationMs(0.3)).toBe(1);
    expect(billedDurationMs(0)).toBe(1);
  });

  it('uses the billed duration for GB-seconds', () => {
    const usage = measureLambdaUsage(input({ durationMs: 1.2, invocationsPerMonth: 1_000_000 }));
    expect(usage.billedDurationMs).toBe(2);
    expect(usage.gbSeconds.toString()).toBe('2000');
    const charges = computeLambdaCharges(input({ durationMs: 1.2 }));
    expect(charges.computeCost.toString()).toBe('0.0333334');
    expect(formatUsd(charges.totalCost)).toBe('$0.23');
  });

  it('computes fractional GB-seconds exactly (128 MB for 1 ms)', () => {
    const usage = measureLambdaUsage(input({ memoryMb: 128, durationMs: 1, invocationsPerMonth: 3 }));
    expect(usage.gbSeconds.toString()).toBe('0.000375');
  });
});

describe('free tier', () => {
  it('covers a small workload completely', () => {
    const charges = computeLambdaCharges(input({ memoryMb: 128, durationMs: 100, invocationsPerMonth: 1_000_000, includeFreeTier: true }));
    expect(charges.usage.gbSeconds.toString()).toBe('12500');
    expect(charges.totalCost.isZero()).toBe(true);
  });

  it('takes 1 M requests and 400,000 GB-s off a larger one', () => {
    const charges = computeLambdaCharges(input({ memoryMb: 512, durationMs: 1000, invocationsPerMonth: 3_000_000, includeFreeTier: true }));
    expect(charges.usage.gbSeconds.toString()).toBe('1500000');
    expect(charges.billableRequests.toString()).toBe('2000000');
    expect(charges.requestCost.toString()).toBe('0.4');
    expect(charges.computeCost.toString()).toBe('18.33337'); // 1,100,000 GB-s × $0.0000166667
    expect(formatUsd(charges.totalCost)).toBe('$18.73');
  });

  it('comes out of the first tier, leaving the discounted tiers as they were', () => {
    const charges = computeLambdaCharges(input({ memoryMb: 2048, durationMs: 60_000, invocationsPerMonth: 75_000_000, includeFreeTier: true }));
    expect(charges.computeTiers.map((tier) => tier.freeQuantity.toString())).toEqual(['400000', '0', '0']);
    expect(charges.computeTiers.map((tier) => formatUsd(tier.cost))).toEqual(['$99,993.53', '$45,000.09', '$0.00']);
    expect(formatUsd(charges.totalCost)).toBe('$145,008.42');
  });

  it('is worth the arm64 rate on arm64', () => {
    const withFree = oneGbSecondEach(2_000_000, 'arm64', true);
    const without = oneGbSecondEach(2_000_000, 'arm64', false);
    // 400,000 GB-s × $0.0000133334 + 1,000,000 requests × $0.0000002
    expect(without.totalCost.minus(withFree.totalCost).toString()).toBe('5.53336');
  });

  it('never makes a charge negative', () => {
    const charges = computeLambdaCharges(input({ invocationsPerMonth: 10, includeFreeTier: true }));
    expect(charges.billableRequests.isZero()).toBe(true);
    expect(charges.totalCost.isZero()).toBe(true);
  });
});

describe('ephemeral storage', () => {
  it('is free up to 512 MB', () => {
    expect(computeLambdaCharges(input({ ephemeralStorageMb: 512 })).storageCost.isZero()).toBe(true);
  });

  it('bills GB-seconds above 512 MB at the region rate', () => {
    const charges = computeLambdaCharges(input({ ephemeralStorageMb: 10_240 }));
    expect(charges.usage.storageGbSeconds.toString()).toBe('9500000'); // 1 M × 1 s × 9.5 GB
    expect(charges.storageCost.toString()).toBe('0.29355');

    const ireland = computeLambdaCharges(input({ ephemeralStorageMb: 10_240, region: 'eu-west-1' }));
    expect(ireland.storageCost.toString()).toBe('0.323');
  });

  it('uses the billed duration and is not discounted by the free tier or volume tiers', () => {
    const charges = computeLambdaCharges(input({ ephemeralStorageMb: 1536, durationMs: 0.5, invocationsPerMonth: 1000, includeFreeTier: true }));
    expect(charges.usage.storageGbSeconds.toString()).toBe('1'); // 1,000 × 1 ms × 1 GB
    expect(charges.storageCost.toString()).toBe('0.0000000309');
  });
});

describe('arm64 tier boundaries at 7.5 B and 18.75 B GB-s', () => {
  const tierQuantities = (gbSeconds: number) => oneGbSecondEach(gbSeconds, 'arm64').computeTiers.map((tier) => tier.quantity.toString());

  it('stays in tier 1 up to 7.5 B GB-s', () => {
    expect(tierQuantities(7_500_000_000)).toEqual(['7500000000', '0', '0']);
    expect(formatUsd(oneGbSecondEach(7_500_000_000, 'arm64').computeCost)).toBe('$100,000.50');
  });

  it('moves the next GB-second into tier 2 at 10% off', () => {
    const charges = oneGbSecondEach(7_500_000_001, 'arm64');
    expect(tierQuantities(7_500_000_001)).toEqual(['7500000000', '1', '0']);
    expect(charges.computeTiers[1]?.rate.toString()).toBe('0.00001200006');
  });

  it('fills tier 2 at 18.75 B and starts tier 3 (20% off) just after', () => {
    expect(tierQuantities(18_750_000_000)).toEqual(['7500000000', '11250000000', '0']);
    expect(formatUsd(oneGbSecondEach(18_750_000_000, 'arm64').computeCost)).toBe('$235,001.18');
    expect(tierQuantities(18_750_000_001)).toEqual(['7500000000', '11250000000', '1']);
    expect(oneGbSecondEach(20_000_000_000, 'arm64').computeTiers[2]?.cost.toString()).toBe('13333.4');
  });

  it('keeps x86_64 at 6 B and 15 B', () => {
    expect(oneGbSecondEach(6_000_000_001, 'x86_64').computeTiers.map((tier) => tier.quantity.toString())).toEqual(['6000000000', '1', '0']);
    expect(oneGbSecondEach(15_000_000_001, 'x86_64').computeTiers[2]?.quantity.toString()).toBe('1');
  });
});

describe('properties', () => {
  const boundaries: Record<Architecture, number[]> = {
    x86_64: [6_000_000_000, 15_000_000_000],
    arm64: [7_500_000_000, 18_750_000_000],
  };

  it('never costs less for more invocations, across both tier boundaries', () => {
    for (const architecture of ['x86_64', 'arm64'] as const) {
      for (const includeFreeTier of [false, true]) {
        const sweep = [0, 1, 999_999, 1_000_000, 1_000_001];
        for (let gbSeconds = 0; gbSeconds <= 21_000_000_000; gbSeconds += 250_000_000) sweep.push(gbSeconds);
        for (const boundary of boundaries[architecture]) sweep.push(boundary - 1, boundary, boundary + 1);
        sweep.sort((a, b) => a - b);
        let previous = Decimal.of(-1);
        for (const invocations of sweep) {
          const total = oneGbSecondEach(invocations, architecture, includeFreeTier).totalCost;
          expect(total.compare(previous), `${architecture} at ${invocations}`).toBeGreaterThanOrEqual(0);
          previous = total;
        }
      }
    }
  });

  it('is continuous at tier boundaries: one more invocation costs at most its own marginal price', () => {
    const { lambda } = resolveRegionPrices(PRICE_TABLE, 'us-east-1');
    // 128 MB for 7 ms: 0.000875 GB-s per invocation, so boundaries fall between invocations.
    const shape = { memoryMb: 128, durationMs: 7 };
    const perInvocation = Decimal.of('0.000875');
    for (const architecture of ['x86_64', 'arm64'] as const) {
      const firstTierRate = lambda.architectures[architecture].baseRatePerGbSecond;
      const maxStep = perInvocation.times(firstTierRate).plus(lambda.perRequest);
      for (const boundary of boundaries[architecture]) {
        const below = Math.floor(boundary / 0.000875);
        for (const invocations of [below - 1, below, below + 1]) {
          const cost = (n: number) => computeLambdaCharges(input({ ...shape, architecture, invocationsPerMonth: n })).totalCost;
          const step = cost(invocations + 1).minus(cost(invocations));
          expect(step.isNegative()).toBe(false);
          expect(step.compare(maxStep), `${architecture} step after ${invocations}`).toBeLessThanOrEqual(0);
        }
      }
    }
  });

  it('prices the boundary GB-second at the lower tier and the next one at the discount', () => {
    const { lambda } = resolveRegionPrices(PRICE_TABLE, 'us-east-1');
    const perRequest = lambda.perRequest;
    const [tier1, tier2] = lambda.architectures.x86_64.tiers;
    const cost = (n: number) => oneGbSecondEach(n, 'x86_64').totalCost;
    expect(cost(6_000_000_000).minus(cost(5_999_999_999)).compare(tier1!.rate.plus(perRequest))).toBe(0);
    expect(cost(6_000_000_001).minus(cost(6_000_000_000)).compare(tier2!.rate.plus(perRequest))).toBe(0);
  });

  it('makes arm64 cheaper than x86_64 at the same memory, duration and volume', () => {
    for (const memoryMb of [128, 1024, 3008, 10_240]) {
      for (const durationMs of [1, 120, 60_000]) {
        for (const invocationsPerMonth of [1, 1_000_000, 300_000_000, 2_000_000_000]) {
          const cost = (architecture: Architecture) => computeLambdaCharges(input({ memoryMb, durationMs, invocationsPerMonth, architecture })).totalCost;
          expect(cost('arm64').compare(cost('x86_64')), `${memoryMb} MB ${durationMs} ms × ${invocationsPerMonth}`).toBe(-1);
        }
      }
    }
  });

  it('never lets tiering cost more than flat pricing', () => {
    for (const invocations of [0, 5_000_000_000, 6_000_000_001, 40_000_000_000]) {
      const charges = oneGbSecondEach(invocations, 'x86_64');
      expect(charges.totalCost.compare(charges.totalWithoutTiers)).toBeLessThanOrEqual(0);
    }
  });
});
