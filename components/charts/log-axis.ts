/**
 * Log-scale axes for the cost charts. A log axis cannot show 0 (a free-tier month) or negative
 * values, so those become gaps, and the domain and ticks snap to whole powers of ten.
 */

export interface LogAxis {
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
}

/**
 * Powers of ten covering every positive value; null when there is none to draw. `fit: 'data'` ends
 * the axis at the values themselves (for an x axis whose range the page chose), `'decades'` at whole
 * powers of ten.
 */
export function logAxisFor(values: readonly number[], fit: 'decades' | 'data' = 'decades'): LogAxis | null {
  const positive = values.filter((value) => value > 0 && Number.isFinite(value));
  if (positive.length === 0) return null;
  const min = Math.min(...positive);
  const max = Math.max(...positive);
  const low = Math.floor(Math.log10(min));
  let high = Math.ceil(Math.log10(max));
  if (high === low) high += 1;
  const powers = Array.from({ length: high - low + 1 }, (_, index) => 10 ** (low + index));
  if (fit === 'data' && min < max) {
    return { domain: [min, max], ticks: powers.filter((tick) => tick >= min && tick <= max) };
  }
  return { domain: [powers[0]!, powers.at(-1)!], ticks: powers };
}

/** The value as a log axis can draw it: null (a gap) for zero and below. */
export function forLogAxis(value: number): number | null {
  return value > 0 ? value : null;
}
