/**
 * Exact decimal numbers for money and billing quantities.
 *
 * Why not integer micro-dollars (or pico-dollars): Lambda multiplies 10-decimal rates
 * ($0.0000166667 per GB-s) by GB-seconds that are themselves fractional (ms × MB / 1,024,000), and the
 * tier discounts add another decimal place. One 1 ms, 128 MB invocation costs $0.0000000020833375, and
 * a tier-2 GB-s costs $0.00001500003 — no fixed unit coarser than about 1e-24 dollars holds these
 * exactly. So a value is a bigint coefficient with a base-10 scale (value = units / 10^scale):
 * addition, subtraction and multiplication are exact, and division is allowed only by integers of
 * the form 2^a · 5^b, whose quotients always terminate in base 10. Those are the only divisions
 * billing needs (MB → GB is ÷1024, ms → s is ÷1000, "per million" is ÷10^6); anything else throws
 * instead of rounding silently. Rounding happens once, for display, in `format.ts`.
 */
export class Decimal {
  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  private constructor(
    /** The coefficient: the value is `units / 10^scale`. */
    readonly units: bigint,
    /** Digits after the decimal point in `units`; never negative. */
    readonly scale: number,
  ) {}

  /**
   * Parse a decimal string ("0.0000166667", "6e9"), an integer bigint, or a JS number. A number is
   * read through its shortest round-trip string, so `Decimal.of(1.2)` is exactly 1.2 — the value the
   * caller typed — not the nearest binary double.
   */
  static of(value: string | number | bigint): Decimal {
    if (typeof value === 'bigint') return new Decimal(value, 0);
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
      if (Number.isSafeInteger(value)) return new Decimal(BigInt(value), 0);
      return Decimal.parse(String(value));
    }
    return Decimal.parse(value);
  }

  private static parse(text: string): Decimal {
    const match = /^([+-]?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text.trim());
    if (!match) throw new RangeError(`not a decimal number: "${text}"`);
    const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
    const exponent = Number(exponentText);
    let units = BigInt(whole + fraction);
    let scale = fraction.length - exponent;
    if (scale < 0) {
      units *= powerOfTen(-scale);
      scale = 0;
    }
    return new Decimal(sign === '-' ? -units : units, scale);
  }

  plus(other: Decimal): Decimal {
    if (this.scale === other.scale) return new Decimal(this.units + other.units, this.scale);
    const [a, b, scale] = aligned(this, other);
    return new Decimal(a + b, scale);
  }

  minus(other: Decimal): Decimal {
    if (this.scale === other.scale) return new Decimal(this.units - other.units, this.scale);
    const [a, b, scale] = aligned(this, other);
    return new Decimal(a - b, scale);
  }

  times(other: Decimal | number | bigint): Decimal {
    const factor = other instanceof Decimal ? other : Decimal.of(other);
    return new Decimal(this.units * factor.units, this.scale + factor.scale);
  }

  /** Exact division by a positive integer made only of the prime factors 2 and 5. */
  dividedBy(divisor: number | bigint): Decimal {
    const { multiplier, extraScale } = terminatingReciprocal(BigInt(divisor));
    return new Decimal(this.units * multiplier, this.scale + extraScale);
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const [a, b] = this.scale === other.scale ? [this.units, other.units] : aligned(this, other);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  static min(a: Decimal, b: Decimal): Decimal {
    return a.compare(b) <= 0 ? a : b;
  }

  static max(a: Decimal, b: Decimal): Decimal {
    return a.compare(b) >= 0 ? a : b;
  }

  /**
   * Round to `decimals` places, halves away from zero ("half-up" as people use it for money; every
   * amount here is non-negative, where the two agree).
   */
  roundHalfUp(decimals: number): Decimal {
    if (this.scale <= decimals) return this;
    const divisor = powerOfTen(this.scale - decimals);
    const quotient = this.units / divisor; // bigint division truncates toward zero
    const remainder = this.units % divisor;
    const absRemainder = remainder < 0n ? -remainder : remainder;
    if (absRemainder * 2n < divisor) return new Decimal(quotient, decimals);
    return new Decimal(quotient + (this.units < 0n ? -1n : 1n), decimals);
  }

  /** Round up to a whole number (used for counts such as billed requests). */
  ceil(): bigint {
    if (this.scale === 0) return this.units;
    const divisor = powerOfTen(this.scale);
    const quotient = this.units / divisor;
    return this.units > 0n && quotient * divisor !== this.units ? quotient + 1n : quotient;
  }

  /** Exactly `decimals` digits after the point; rounds half-up when digits are dropped. */
  toFixed(decimals: number): string {
    const rounded = this.roundHalfUp(decimals);
    const units = rounded.units * powerOfTen(decimals - rounded.scale);
    return digitsWithPoint(units, decimals);
  }

  /** The shortest exact decimal string, without exponent ("150000.3", "0.00001500003"). */
  toString(): string {
    let { units, scale } = this;
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale -= 1;
    }
    return digitsWithPoint(units, scale);
  }

  /** The nearest JS number — for charts and JSON, never for further arithmetic. */
  toNumber(): number {
    return Number(this.toString());
  }
}

const POWERS_OF_TEN: bigint[] = [1n];

function powerOfTen(exponent: number): bigint {
  for (let next = POWERS_OF_TEN.length; next <= exponent; next++) {
    POWERS_OF_TEN.push(POWERS_OF_TEN[next - 1]! * 10n);
  }
  return POWERS_OF_TEN[exponent]!;
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  if (a.scale > b.scale) return [a.units, b.units * powerOfTen(a.scale - b.scale), a.scale];
  return [a.units * powerOfTen(b.scale - a.scale), b.units, b.scale];
}

const reciprocalCache = new Map<bigint, { multiplier: bigint; extraScale: number }>();

/** 1/divisor as `multiplier / 10^extraScale`, which exists exactly only when divisor = 2^a · 5^b. */
function terminatingReciprocal(divisor: bigint): { multiplier: bigint; extraScale: number } {
  const cached = reciprocalCache.get(divisor);
  if (cached) return cached;
  if (divisor <= 0n) throw new RangeError(`cannot divide by ${divisor}`);
  let rest = divisor;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) {
    rest /= 2n;
    twos += 1;
  }
  while (rest % 5n === 0n) {
    rest /= 5n;
    fives += 1;
  }
  if (rest !== 1n) {
    throw new RangeError(`dividing by ${divisor} does not terminate in base 10; keep it out of money arithmetic`);
  }
  const extraScale = Math.max(twos, fives);
  const result = { multiplier: powerOfTen(extraScale) / divisor, extraScale };
  reciprocalCache.set(divisor, result);
  return result;
}

function digitsWithPoint(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
