import { describe, expect, it } from 'vitest';

import { Decimal } from './decimal';
import { formatQuantity, formatRate, formatUsd, toDollars } from './format';

describe('money formatting', () => {
  it('rounds half-up to the cent only at display time', () => {
    expect(toDollars(Decimal.of('18.73337'))).toBe(18.73);
    expect(toDollars(Decimal.of('0.005'))).toBe(0.01);
    expect(toDollars(Decimal.of('0.0049999'))).toBe(0);
    expect(formatUsd(Decimal.of('0.005'))).toBe('$0.01');
  });

  it('gives the API a number of dollars rounded to the cent', () => {
    expect(toDollars(Decimal.of('145015.29'))).toBe(145015.29);
    expect(toDollars(Decimal.of('0.2333334'))).toBe(0.23);
    expect(toDollars(Decimal.of('364.6000004'))).toBe(364.6);
  });

  it('formats dollars with separators and two decimals', () => {
    expect(formatUsd(Decimal.of('150015.3'))).toBe('$150,015.30');
    expect(formatUsd(Decimal.of('0'))).toBe('$0.00');
    expect(formatUsd(Decimal.of('1234567.891'))).toBe('$1,234,567.89');
    expect(formatUsd(Decimal.of('-5'))).toBe('-$5.00');
  });

  it('shows rates in full, padded to the 10 decimals AWS publishes', () => {
    expect(formatRate(Decimal.of('0.0000166667'))).toBe('$0.0000166667');
    expect(formatRate(Decimal.of('0.00001500003'))).toBe('$0.00001500003');
    expect(formatRate(Decimal.of('0.0000002'))).toBe('$0.0000002000');
  });

  it('formats quantities with every significant decimal', () => {
    expect(formatQuantity(9_000_000_000)).toBe('9,000,000,000');
    expect(formatQuantity(Decimal.of('1234.5678125'))).toBe('1,234.5678125');
    expect(formatQuantity(12n)).toBe('12');
  });
});
