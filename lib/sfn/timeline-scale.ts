// Axis ticks for the timeline: round steps (1, 2, 5 x 10^n ms, then seconds, minutes, hours) so the
// labels read as durations people use.

const STEPS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
  10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** The smallest round step that fits the span in at most `maxTicks` intervals. */
export function tickStep(spanMs: number, maxTicks: number): number {
  const wanted = spanMs / Math.max(1, maxTicks);
  return STEPS_MS.find((step) => step >= wanted) ?? Math.ceil(wanted / 86_400_000) * 86_400_000;
}

/** Tick offsets from 0 to at least the span. */
export function timelineTicks(spanMs: number, maxTicks: number): number[] {
  const span = Math.max(1, spanMs);
  const step = tickStep(span, maxTicks);
  const ticks: number[] = [];
  for (let t = 0; t <= span + step / 2 && ticks.length <= maxTicks + 1; t += step) ticks.push(t);
  return ticks;
}

/** Rows shown in a scrolled window: the visible ones plus a few above and below. */
export function visibleRowRange(scrollTop: number, viewHeight: number, rowHeight: number, rowCount: number, overscan = 6): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan);
  return { first, last };
}
