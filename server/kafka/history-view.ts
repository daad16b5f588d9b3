import 'server-only';

import type { GroupLagHistoryPointDto, PartitionLagHistoryPointDto } from '@/lib/kafka/dto';

import { groupPointDownsampler, partitionSampleDownsampler } from './history';
import type { GroupLagPoint, PartitionLagSample } from './lag-sample';
import { partitionKey } from './offset';

/**
 * Stored history shaped for charts: at most a few hundred points per series whatever the range, each
 * bucket keeping its last value and its peak (a spike between buckets is not averaged away).
 */

/** Bucket widths a chart may use, finest first. */
const NICE_BUCKETS_MS = [10_000, 30_000, 60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 60 * 60_000, 3 * 60 * 60_000, 6 * 60 * 60_000, 24 * 60 * 60_000];

/** The finest nice bucket that keeps a range under `maxPoints` points (0 = raw when the data is already small). */
export function chooseChartBucketMs(rangeMs: number, storedCount: number, maxPoints = 400): number {
  if (storedCount <= maxPoints) return 0;
  const wanted = rangeMs / maxPoints;
  return NICE_BUCKETS_MS.find((b) => b >= wanted) ?? NICE_BUCKETS_MS.at(-1)!;
}

function bucketBy<T extends { at: number }>(items: readonly T[], bucketMs: number, keyOf: (item: T) => string = () => ''): T[][] {
  if (bucketMs === 0) return items.map((item) => [item]);
  const buckets = new Map<string, T[]>();
  for (const item of items) {
    const key = `${keyOf(item)}\u0000${Math.floor(item.at / bucketMs)}`;
    const list = buckets.get(key);
    if (list) list.push(item);
    else buckets.set(key, [item]);
  }
  return [...buckets.values()];
}

/** A group's stored points as chart points, bucketed. */
export function toGroupHistoryPoints(points: readonly GroupLagPoint[], bucketMs: number): GroupLagHistoryPointDto[] {
  return bucketBy(points, bucketMs)
    .map((members) => groupPointDownsampler.summarise(members, bucketMs))
    .sort((a, b) => a.at - b.at)
    .map((p) => ({
      at: new Date(p.at).toISOString(),
      totalLag: p.totalLag.toString(),
      peakTotalLag: p.peakTotalLag.toString(),
      maxPartitionLag: p.maxPartitionLag?.toString() ?? null,
    }));
}

/** A group's stored partition samples as one chart series per partition, bucketed. */
export function toPartitionHistorySeries(
  samples: readonly PartitionLagSample[],
  bucketMs: number,
): { topic: string; partition: number; points: PartitionLagHistoryPointDto[] }[] {
  const series = new Map<string, { topic: string; partition: number; summaries: PartitionLagSample[] }>();
  for (const members of bucketBy(samples, bucketMs, (s) => partitionKey(s.topic, s.partition))) {
    const summary = partitionSampleDownsampler.summarise(members, bucketMs);
    const key = partitionKey(summary.topic, summary.partition);
    const entry = series.get(key) ?? { topic: summary.topic, partition: summary.partition, summaries: [] };
    entry.summaries.push(summary);
    series.set(key, entry);
  }
  return [...series.values()]
    .sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1))
    .map(({ topic, partition, summaries }) => ({
      topic,
      partition,
      points: summaries
        .sort((a, b) => a.at - b.at)
        .map((s) => ({ at: new Date(s.at).toISOString(), lag: s.lag?.toString() ?? null, maxLag: s.maxLag?.toString() ?? null })),
    }));
}

/** Per-group sparkline values (peak per bucket, decimal strings), oldest first. */
export function toSparklines(points: readonly GroupLagPoint[], bucketMs: number): Map<string, { at: string; totalLag: string }[]> {
  const byGroup = new Map<string, { at: string; totalLag: string }[]>();
  const summaries = bucketBy(points, bucketMs, (p) => p.groupId)
    .map((members) => groupPointDownsampler.summarise(members, bucketMs))
    .sort((a, b) => a.at - b.at);
  for (const p of summaries) {
    const list = byGroup.get(p.groupId) ?? [];
    list.push({ at: new Date(p.at).toISOString(), totalLag: p.peakTotalLag.toString() });
    byGroup.set(p.groupId, list);
  }
  return byGroup;
}
