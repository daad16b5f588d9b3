/** The figures every `BENCH {json}` line carries, from raw millisecond samples. */
export function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return {
    runs: samples.length,
    meanMs: samples.reduce((s, v) => s + v, 0) / samples.length,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    minMs: sorted[0]!,
    maxMs: sorted.at(-1)!,
  };
}
