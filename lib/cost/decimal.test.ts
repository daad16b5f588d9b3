import { describe, expect, it } from 'vitest';

import { Decimal } from './decimal';

describe('Decimal', () => {
  it('reads decimal strings, exponents and numbers exactly', () => {
    expect(Decimal.of('0.0000166667').toString()).toBe('0.0000166667');
    expect(Decimal.of('6e9').toString()).toBe('6000000000');
    expect(Decimal.of('1.5e-3').toString()).toBe('0.0015');
    expect(Decimal.of(1.2).toString()).toBe('1.2');
    expect(Decimal.of(1e-7).toString()).toBe('0.0000001');
    expect(Decimal.of(-42).toString()).toBe('-42');
    expect(Decimal.of(12345678901234567890n).toString()).toBe('12345678901234567890');
  });

  it('rejects text that is not a number, and non-finite numbers', () => {
    expect(() => Decimal.of('twelve')).toThrow(RangeError);
    expect(() => Decimal.of(Number.NaN)).toThrow(RangeError);
    expect(() => Decimal.of(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('adds, subtracts and multiplies without binary rounding', () => {
    expect(Decimal.of('0.1').plus(Decimal.of('0.2')).toString()).toBe('0.3');
    expect(Decimal.of('1').minus(Decimal.of('0.9')).toString()).toBe('0.1');
    expect(Decimal.of('0.0000166667').times(9_000_000_000).toString()).toBe('150000.3');
    expect(Decimal.of('0.0000166667').times(Decimal.of('0.9')).toString()).toBe('0.00001500003');
  });

  it('divides exactly by 2^a·5^b and refuses divisors that would not terminate', () => {
    expect(Decimal.of(2048).dividedBy(1024).toString()).toBe('2');
    expect(Decimal.of(128).dividedBy(1_024_000).toString()).toBe('0.000125');
    expect(Decimal.of(1).dividedBy(1024).toString()).toBe('0.0009765625');
    expect(() => Decimal.of(730).dividedBy(24)).toThrow(/does not terminate/);
    expect(() => Decimal.of(1).dividedBy(0)).toThrow(RangeError);
  });

  it('compares values of different scales', () => {
    expect(Decimal.of('1.50').compare(Decimal.of('1.5'))).toBe(0);
    expect(Decimal.of('1.49').compare(Decimal.of('1.5'))).toBe(-1);
    expect(Decimal.of('2').compare(Decimal.of('1.999999999999'))).toBe(1);
    expect(Decimal.min(Decimal.of('3'), Decimal.of('2.5')).toString()).toBe('2.5');
    expect(Decimal.max(Decimal.of('3'), Decimal.of('2.5')).toString()).toBe('3');
  });

  it('rounds half-up (away from zero) only when asked', () => {
    expect(Decimal.of('145000.285').roundHalfUp(2).toString()).toBe('145000.29');
    expect(Decimal.of('145000.2849999').roundHalfUp(2).toString()).toBe('145000.28');
    expect(Decimal.of('-0.005').roundHalfUp(2).toString()).toBe('-0.01');
    expect(Decimal.of('0.1').roundHalfUp(2).toString()).toBe('0.1');
  });

  it('rounds up to a whole number for counts', () => {
    expect(Decimal.of('1.2').ceil()).toBe(2n);
    expect(Decimal.of('2.000').ceil()).toBe(2n);
    expect(Decimal.of('0.0001').ceil()).toBe(1n);
    expect(Decimal.of('-1.5').ceil()).toBe(-1n);
  });

  it('prints a fixed number of decimals', () => {
    expect(Decimal.of('45000.09').toFixed(2)).toBe('45000.09');
    expect(Decimal.of('5').toFixed(2)).toBe('5.00');
    expect(Decimal.of('0.000015000030').toFixed(10)).toBe('0.0000150000');
    expect(Decimal.of('-0.5').toFixed(0)).toBe('-1');
  });
});
