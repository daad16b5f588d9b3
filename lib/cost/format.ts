import { Decimal } from './decimal';

/**
 * Display formatting for cost results. This is the only place amounts are rounded: the model keeps
 * exact values, and every figure a person or an API client sees is rounded once, half-up to the cent.
 */

/** Dollars as a JSON number rounded to the cent (the API contract for amounts). */
export function toDollars(amount: Decimal): number {
  return Number(amount.toFixed(2));
}

/** "$150,015.30" (negative amounts as "-$5.00"). */
export function formatUsd(amount: Decimal): string {
  const fixed = amount.toFixed(2);
  const negative = fixed.startsWith('-');
  const [whole = '0', cents = '00'] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '-' : ''}$${groupThousands(whole)}.${cents}`;
}

/**
 * A unit price in full, never rounded: "$0.00001500003". Per-GB-second rates only make sense with
 * all their digits; padded to at least 10 decimals so they line up with AWS's published rates.
 */
export function formatRate(rate: Decimal): string {
  const exact = rate.toString();
  const decimals = exact.split('.')[1]?.length ?? 0;
  return `$${rate.toFixed(Math.max(decimals, 10))}`;
}

/** A quantity with thousands separators and every significant decimal: "9,000,000,000", "0.1953125". */
export function formatQuantity(value: Decimal | number | bigint): string {
  const exact = (value instanceof Decimal ? value : Decimal.of(value)).toString();
  const negative = exact.startsWith('-');
  const [whole = '0', fraction] = (negative ? exact.slice(1) : exact).split('.');
  return `${negative ? '-' : ''}${groupThousands(whole)}${fraction ? `.${fraction}` : ''}`;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
