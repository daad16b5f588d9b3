import { describe, expect, it } from 'vitest';

import { Decimal } from './decimal';
import { chargeTieredUsage, totalTierCost } from './tiered-usage';

const tiers = [
  { upTo: Decimal.of(100), rate: Decimal.of('1') },
  { upTo: Decimal.of(250), rate: Decimal.of('0.5') },
  { upTo: null, rate: Decimal.of('0.25') },
];

describe('chargeTieredUsage', () => {
  it('fills tiers in order and prices each slice at its own rate', () => {
    const charges = chargeTieredUsage(Decimal.of(300), tiers, Decimal.ZERO);
    expect(charges.map((charge) => charge.quantity.toString())).toEqual(['100', '150', '50']);
    expect(charges.map((charge) => charge.cost.toString())).toEqual(['100', '75', '12.5']);
    expect(charges.map((charge) => charge.to?.toString() ?? null)).toEqual(['100', '250', null]);
    expect(totalTierCost(charges).toString()).toBe('187.5');
  });

  it('returns every tier, with nothing in the tiers usage does not reach', () => {
    const charges = chargeTieredUsage(Decimal.of(40), tiers, Decimal.ZERO);
    expect(charges).toHaveLength(3);
    expect(charges.map((charge) => charge.quantity.toString())).toEqual(['40', '0', '0']);
  });

  it('takes the free allowance from the first tier, spilling into the next only if it must', () => {
    const small = chargeTieredUsage(Decimal.of(300), tiers, Decimal.of(30));
    expect(small.map((charge) => charge.freeQuantity.toString())).toEqual(['30', '0', '0']);
    expect(totalTierCost(small).toString()).toBe('157.5');

    const large = chargeTieredUsage(Decimal.of(300), tiers, Decimal.of(120));
    expect(large.map((charge) => charge.freeQuantity.toString())).toEqual(['100', '20', '0']);
  });

  it('never charges for usage below the free allowance', () => {
    const charges = chargeTieredUsage(Decimal.of(10), tiers, Decimal.of(30));
    expect(totalTierCost(charges).isZero()).toBe(true);
    expect(charges[0]?.freeQuantity.toString()).toBe('10');
  });
});
