import { describe, expect, it } from 'vitest';

import { ARCHITECTURES, PRICED_REGIONS, PRICE_TABLE, isPricedRegion } from './price-table';
import { resolveRegionPrices } from './region-prices';

describe('price table', () => {
  it('is dated, sourced and prices us-east-1 plus at least two other regions', () => {
    expect(PRICE_TABLE.id).not.toBe('');
    expect(PRICE_TABLE.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICE_TABLE.source).toMatch(/lambda\/pricing/);
    expect(PRICED_REGIONS).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'ap-southeast-2']));
  });

  it('has ascending tiers ending in an open tier for every region and architecture', () => {
    for (const region of PRICED_REGIONS) {
      const prices = resolveRegionPrices(PRICE_TABLE, region);
      for (const architecture of ARCHITECTURES) {
        const tiers = prices.lambda.architectures[architecture].tiers;
        expect(tiers.at(-1)?.upTo).toBeNull();
        for (let index = 1; index < tiers.length - 1; index++) {
          expect(tiers[index]!.upTo!.compare(tiers[index - 1]!.upTo!)).toBe(1);
        }
      }
      expect(prices.sqs.requestTiers.at(-1)?.upTo).toBeNull();
    }
  });

  it('works out tier rates that round to the per-tier rates AWS publishes', () => {
    const { architectures } = resolveRegionPrices(PRICE_TABLE, 'us-east-1').lambda;
    const published = (architecture: 'x86_64' | 'arm64') => architectures[architecture].tiers.map((tier) => tier.rate.toFixed(10));
    expect(published('x86_64')).toEqual(['0.0000166667', '0.0000150000', '0.0000133334']);
    expect(published('arm64')).toEqual(['0.0000133334', '0.0000120001', '0.0000106667']);
    // ...while billing at the exact discounted rates, which is what the tiered-pricing post does.
    expect(architectures.x86_64.tiers.map((tier) => tier.rate.toString())).toEqual(['0.0000166667', '0.00001500003', '0.00001333336']);
  });

  it('puts the tier thresholds where the tiered-pricing post says', () => {
    const { architectures } = resolveRegionPrices(PRICE_TABLE, 'eu-west-1').lambda;
    expect(architectures.x86_64.tiers.map((tier) => tier.upTo?.toString() ?? null)).toEqual(['6000000000', '15000000000', null]);
    expect(architectures.arm64.tiers.map((tier) => tier.upTo?.toString() ?? null)).toEqual(['7500000000', '18750000000', null]);
  });

  it('knows only its own regions, not inherited object keys', () => {
    expect(isPricedRegion('us-east-1')).toBe(true);
    expect(isPricedRegion('mars-north-1')).toBe(false);
    expect(isPricedRegion('constructor')).toBe(false);
    expect(() => resolveRegionPrices(PRICE_TABLE, 'mars-north-1')).toThrow(/mars-north-1.*aws-public/);
  });
});
