import { formatCountCompact, formatDollarsCompact } from '@/lib/cost/number-format';
import { AXIS_LABEL, AXIS_TICK } from './chart-theme';

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

/** Props of a count x axis (messages, invocations) that switches between linear and log scale. */
export function countAxisProps(dataKey: string, label: string, log: LogAxis | null) {
  return {
    dataKey,
    type: 'number' as const,
    scale: log ? ('log' as const) : ('linear' as const),
    domain: log ? [...log.domain] : (['dataMin', 'dataMax'] as [string, string]),
    ticks: log ? [...log.ticks] : undefined,
    tickFormatter: formatCountCompact,
    tick: AXIS_TICK,
    label: { value: label, position: 'insideBottom' as const, offset: -12, ...AXIS_LABEL },
  };
}

/** Props of the monthly-dollars y axis, linear or log. */
export function dollarAxisProps(log: LogAxis | null) {
  return {
    type: 'number' as const,
    scale: log ? ('log' as const) : ('linear' as const),
    domain: log ? [...log.domain] : ([0, 'auto'] as [number, string]),
    ticks: log ? [...log.ticks] : undefined,
    allowDataOverflow: Boolean(log),
    tickFormatter: formatDollarsCompact,
    tick: AXIS_TICK,
    width: 64,
    label: { value: 'USD per month', angle: -90, position: 'insideLeft' as const, offset: 4, dy: 44, ...AXIS_LABEL },
  };
}
