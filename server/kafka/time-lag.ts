import 'server-only';

import type { GroupTimeLagDto, PartitionTimeLagDto } from '@/lib/kafka/dto';

/** The log end offset of a partition as seen at one moment. */
export interface EndOffsetPoint {
  /** epoch ms */
  at: number;
  logEndOffset: bigint;
}

export interface PartitionTimeLagInput {
  topic: string;
  partition: number;
  committedOffset: bigint | null;
  /** The newest log start: with no commit, an empty partition is not behind (undefined: unknown). */
  logStartOffset?: bigint;
  /** Sampled log end offsets of this partition, any order, newest included. */
  endOffsetHistory: readonly EndOffsetPoint[];
}

/** A partition's time lag and whether it is only a lower bound. */
export interface TimeLagEstimate {
  seconds: number;
  /** The committed offset predates the stored history: the record is at least this old. */
  isLowerBound: boolean;
}

/**
 * Seconds a consumer is behind, in the manner of kafka-lag-exporter: the sampled log end offsets form
 * a table of "offset reached at time"; the committed offset is looked up in that table (linear
 * interpolation between stored points) to find when the next unread record was produced.
 * An offset older than the oldest stored point is not extrapolated: a rate taken from log-end growth
 * counts transaction markers and aborted records and overestimated transactional topics twofold, so
 * the answer is the oldest point's age, a lower bound, flagged as such. 0 when caught up; null when
 * there is no commit or no history.
 */
export function estimatePartitionTimeLagDetail(
  committedOffset: bigint | null,
  endOffsetHistory: readonly EndOffsetPoint[],
  now: number,
): TimeLagEstimate | null {
  if (committedOffset === null) return null;
  const points = currentLogHistory(endOffsetHistory);
  const newest = points.at(-1);
  const oldest = points[0];
  if (!newest || !oldest) return null;
  if (committedOffset >= newest.logEndOffset) return { seconds: 0, isLowerBound: false };

  const producedAt = findProductionTime(committedOffset, points);
  if (producedAt === null) return { seconds: Math.max(0, (now - oldest.at) / 1000), isLowerBound: true };
  return { seconds: Math.max(0, (now - producedAt) / 1000), isLowerBound: false };
}

/** Seconds behind (see estimatePartitionTimeLagDetail); a lower bound when the offset predates the history. */
export function estimatePartitionTimeLag(committedOffset: bigint | null, endOffsetHistory: readonly EndOffsetPoint[], now: number): number | null {
  return estimatePartitionTimeLagDetail(committedOffset, endOffsetHistory, now)?.seconds ?? null;
}

/**
 * Time lag of every partition of a group and the group's worst (max) partition. The maximum is null as
 * soon as one partition that may be behind cannot be estimated: leaving it out would report a lagging
 * group as "0 s". Only a partition known to have nothing to read (no commit on an empty log) is skipped.
 */
export function estimateGroupTimeLag(groupId: string, partitions: readonly PartitionTimeLagInput[], now: number): GroupTimeLagDto {
  const results: PartitionTimeLagDto[] = partitions.map((p) => {
    const estimate = estimatePartitionTimeLagDetail(p.committedOffset, p.endOffsetHistory, now);
    return { topic: p.topic, partition: p.partition, secondsBehind: roundToMillis(estimate?.seconds ?? null), isLowerBound: estimate?.isLowerBound ?? false };
  });
  const unknown = partitions.filter((p, i) => results[i]!.secondsBehind === null && !isKnownEmpty(p)).length;
  const known = results.flatMap((r) => (r.secondsBehind === null ? [] : [r.secondsBehind]));
  return {
    groupId,
    maxSecondsBehind: unknown > 0 || known.length === 0 ? null : Math.max(...known),
    // One partition known only from below may be the worst: the group's figure is then a lower bound too.
    isLowerBound: results.some((r) => r.isLowerBound),
    unknownPartitionCount: unknown,
    partitions: results,
  };
}

/** No commit, and the newest sample shows nothing to read: the partition cannot be behind. */
function isKnownEmpty(p: PartitionTimeLagInput): boolean {
  if (p.committedOffset !== null || p.logStartOffset === undefined) return false;
  const newest = currentLogHistory(p.endOffsetHistory).at(-1);
  return newest !== undefined && newest.logEndOffset === p.logStartOffset;
}

/**
 * Sorted by time, starting after the last time the end offset went backwards: a lower end means the
 * topic was deleted and recreated, and older points describe a different log.
 */
function currentLogHistory(history: readonly EndOffsetPoint[]): EndOffsetPoint[] {
  const sorted = [...history].sort((a, b) => a.at - b.at);
  let start = 0;
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.logEndOffset < sorted[i - 1]!.logEndOffset) start = i;
  }
  return sorted.slice(start);
}

/** When the log end passed `offset`, i.e. when the record at `offset` was written (epoch ms); null before the history. */
function findProductionTime(offset: bigint, points: readonly EndOffsetPoint[]): number | null {
  // The last sample where the end had not yet passed the offset, and the one right after it, bracket
  // the write; with flat stretches this picks the latest moment the end was still at or below it.
  let before = -1;
  for (let i = 0; i < points.length; i++) {
    if (points[i]!.logEndOffset <= offset) before = i;
  }
  if (before >= 0) {
    const a = points[before]!;
    const b = points[before + 1];
    if (!b) return null; // unreachable: offset < newest end was checked by the caller
    return interpolate(a, b, offset);
  }
  return null;
}

function interpolate(a: EndOffsetPoint, b: EndOffsetPoint, offset: bigint): number {
  const fraction = Number(offset - a.logEndOffset) / Number(b.logEndOffset - a.logEndOffset);
  return a.at + fraction * (b.at - a.at);
}

function roundToMillis(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds * 1000) / 1000;
}
