/**
 * Maps a slider's integer positions to input values. Volumes and durations span many orders of
 * magnitude, so those sliders step through "nice" values on a log scale (1, 1.5, 2, 3, 5, 7.5 per
 * decade); the number box beside each slider takes any exact value.
 *
 * Every step lands on a distinct value, so pressing an arrow key always changes the input.
 */

export interface SliderScale {
  /** Highest position; positions run 0..maxPosition in steps of 1. */
  readonly maxPosition: number;
  readonly toValue: (position: number) => number;
  /** The nearest position for a value (values outside the range sit at an end). */
  readonly toPosition: (value: number) => number;
}

/** Evenly spaced values from `min` to `max` every `step` (for memory, storage, windows). */
export function linearScale(min: number, max: number, step: number): SliderScale {
  const maxPosition = Math.floor((max - min) / step);
  return {
    maxPosition,
    toValue: (position) => Math.min(max, min + clampPosition(position, maxPosition) * step),
    toPosition: (value) => clampPosition(Math.round((value - min) / step), maxPosition),
  };
}

const NICE_MANTISSAS = [1, 1.5, 2, 3, 5, 7.5] as const;

/** Nice values between `min` and `max` (both included), optionally starting at 0. */
export function logScale(min: number, max: number, { allowZero = false } = {}): SliderScale {
  const values = niceValues(min, max);
  if (allowZero) values.unshift(0);
  const maxPosition = values.length - 1;
  return {
    maxPosition,
    toValue: (position) => values[clampPosition(position, maxPosition)]!,
    toPosition: (value) => nearestIndex(values, value),
  };
}

function niceValues(min: number, max: number): number[] {
  const values = new Set<number>([min]);
  for (let exponent = Math.floor(Math.log10(min)); 10 ** exponent <= max; exponent++) {
    for (const mantissa of NICE_MANTISSAS) {
      // Round away binary noise: 1.5 × 10^-1 is 0.15000000000000002 in floating point.
      const value = Number((mantissa * 10 ** exponent).toPrecision(6));
      if (value > min && value < max) values.add(value);
    }
  }
  values.add(max);
  return [...values].sort((a, b) => a - b);
}

/** Index of the value closest to `value`, comparing on a log scale (0 only matches 0 or less). */
function nearestIndex(values: readonly number[], value: number): number {
  if (!(value > 0)) return 0;
  let best = 0;
  let bestDistance = Infinity;
  values.forEach((candidate, index) => {
    const distance = candidate > 0 ? Math.abs(Math.log(candidate) - Math.log(value)) : Infinity;
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

function clampPosition(position: number, maxPosition: number): number {
  return Math.min(maxPosition, Math.max(0, Math.round(position)));
}
