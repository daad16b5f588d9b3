import { describe, expect, it } from 'vitest';

import type { LambdaCostInput } from '@/lib/schemas/cost';

import { Decimal } from './decimal';
import { formatUsd } from './format';
import { estimateLambdaCost, toLambdaCostDto } from './lambda-cost';
import { PRICE_TABLE, type PriceTable } from './price-table';

/** The workload of "Introducing tiered pricing for AWS Lambda": x86, 2 GB, 60 s, no free tier. */
function portfolioAnalysis(invocationsPerMonth: number, overrides: Partial<LambdaCostInput> = {}): LambdaCostInput {
  return {
    architecture: 'x86_64',
    region: 'us-east-1',
    memoryMb: 2048,
    durationMs: 60_000,
    invocationsPerMonth,
    ephemeralStorageMb: 512,
    includeFreeTier: false,
    ...overrides,
  };
}

const usd = (amount: Decimal) => formatUsd(amount);

describe('estimateLambdaCost — the tiered-pricing post, to the cent', () => {
  it('75 M invocations: $150,015.30 without tiers, $145,015.29 with them', () => {
    const estimate = estimateLambdaCost(portfolioAnalysis(75_000_000));
    expect(estimate.gbSeconds.toString()).toBe('9000000000');
    expect(usd(estimate.requestCost)).toBe('$15.00');
    expect(usd(estimate.totalWithoutTiers)).toBe('$150,015.30');
    expect(estimate.tiers.map((tier) => usd(tier.cost))).toEqual(['$100,000.20', '$45,000.09', '$0.00']);
    expect(usd(estimate.computeCost)).toBe('$145,000.29');
    expect(usd(estimate.totalCost)).toBe('$145,015.29');
    expect(usd(estimate.totalWithoutTiers.minus(estimate.totalCost))).toBe('$5,000.01');
  });

  it('300 M invocations: $515,061.03 with tiers ($600,061.20 without)', () => {
    const estimate = estimateLambdaCost(portfolioAnalysis(300_000_000));
    expect(estimate.gbSeconds.toString()).toBe('36000000000');
    expect(usd(estimate.requestCost)).toBe('$60.00');
    // The post prints tier 1 as $100,000.02, a typo: its own sum ($515,001.03) needs $100,000.20.
    expect(estimate.tiers.map((tier) => usd(tier.cost))).toEqual(['$100,000.20', '$135,000.27', '$280,000.56']);
    expect(usd(estimate.computeCost)).toBe('$515,001.03');
    expect(usd(estimate.totalCost)).toBe('$515,061.03');
    expect(usd(estimate.totalWithoutTiers)).toBe('$600,061.20');
    expect(usd(estimate.totalWithoutTiers.minus(estimate.totalCost))).toBe('$85,000.17');
  });

  it('25 M invocations stay in the first tier: $50,005.10 either way', () => {
    const estimate = estimateLambdaCost(portfolioAnalysis(25_000_000));
    expect(estimate.gbSeconds.toString()).toBe('3000000000');
    expect(usd(estimate.totalCost)).toBe('$50,005.10');
    expect(usd(estimate.totalWithoutTiers)).toBe('$50,005.10');
  });

  it('useTiers: false prices everything at the first-tier rate', () => {
    const estimate = estimateLambdaCost(portfolioAnalysis(75_000_000, { useTiers: false }));
    expect(usd(estimate.totalCost)).toBe('$150,015.30');
    expect(estimate.tiers).toHaveLength(1);
    expect(estimate.tiers[0]?.toGbSeconds).toBeNull();
  });

  it('matches the post only with exact discounted rates, not the 10-decimal ones AWS lists', () => {
    // Billing tier 2 at the listed $0.0000150000 would give $45,000.00 and a $145,015.20 total.
    const listedRates = Decimal.of(6_000_000_000)
      .times(Decimal.of('0.0000166667'))
      .plus(Decimal.of(3_000_000_000).times(Decimal.of('0.0000150000')))
      .plus(Decimal.of(15));
    expect(usd(listedRates)).toBe('$145,015.20');
    expect(usd(estimateLambdaCost(portfolioAnalysis(75_000_000)).totalCost)).toBe('$145,015.29');
  });
});

describe('estimateLambdaCost — result shape', () => {
  const estimate = estimateLambdaCost(portfolioAnalysis(75_000_000, { ephemeralStorageMb: 1024, includeFreeTier: true }));

  it('reports the price table and region it used', () => {
    expect(estimate.priceTable).toEqual({
      id: PRICE_TABLE.id,
      effectiveDate: PRICE_TABLE.effectiveDate,
      region: 'us-east-1',
    });
  });

  it('reports a custom table when given one', () => {
    const table: PriceTable = { ...PRICE_TABLE, id: 'test-table', effectiveDate: '2030-01-01' };
    expect(estimateLambdaCost(portfolioAnalysis(1), table).priceTable).toEqual({
      id: 'test-table',
      effectiveDate: '2030-01-01',
      region: 'us-east-1',
    });
  });

  it('has line items that each multiply out and add up to the total exactly', () => {
    let sum = Decimal.ZERO;
    for (const item of estimate.lineItems) {
      expect(item.quantity.times(item.rate).compare(item.cost)).toBe(0);
      sum = sum.plus(item.cost);
    }
    expect(sum.compare(estimate.totalCost)).toBe(0);
    expect(estimate.lineItems.map((item) => item.label)).toEqual([
      'Requests',
      'Compute, Tier 1 (first 6,000,000,000 GB-s)',
      'Compute, Tier 2 (6,000,000,000 to 15,000,000,000 GB-s, 10% off)',
      'Ephemeral storage above 512 MB',
    ]);
  });

  it('writes out the calculation step by step', () => {
    const text = estimate.calculation.join('\n');
    expect(text).toContain('75,000,000 invocations × 60 s × 2 GB (2,048 MB ÷ 1,024) = 9,000,000,000 GB-s');
    expect(text).toContain('(75,000,000 − 1,000,000 free) requests × $0.20 per million = $14.80');
    expect(text).toContain('(6,000,000,000 − 400,000 free) GB-s × $0.0000166667 = $99,993.53');
    expect(text).toContain('$0.00001500003/GB-s (AWS lists it rounded, $0.0000150000)');
    expect(text).toContain('(1,024 MB − 512 MB free) = 2,250,000,000 GB-s × $0.0000000309 = $69.53');
    expect(text).toContain(`table ${PRICE_TABLE.id}`);
    expect(text).toMatch(/Total: .* = \$145,077\.95\./);
  });

  it('converts to a JSON-safe DTO with amounts rounded to the cent', () => {
    const dto = toLambdaCostDto(estimateLambdaCost(portfolioAnalysis(75_000_000)));
    expect(dto.totalCost).toBe(145015.29);
    expect(dto.totalWithoutTiers).toBe(150015.3);
    expect(dto.requestCost).toBe(15);
    expect(dto.gbSeconds).toBe(9e9);
    expect(dto.tiers.map((tier) => tier.cost)).toEqual([100000.2, 45000.09, 0]);
    expect(dto.tiers.map((tier) => tier.toGbSeconds)).toEqual([6e9, 15e9, null]);
    expect(dto.tiers[1]?.ratePerGbSecond).toBe(0.00001500003);
    expect(() => JSON.stringify(dto)).not.toThrow();
    expect(JSON.parse(JSON.stringify(dto))).toEqual(dto);
  });
});
