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

/**
 * Seconds a consumer is behind, estimated like kafka-lag-exporter: the sampled log end offsets form a
 * table of "offset reached at time"; the committed offset is looked up in that table (linear
 * interpolation between samples) to find when the next unread record was produced.
 * Returns 0 when caught up and null when the history cannot tell.
 */
export function estimatePartitionTimeLag(committedOffset: bigint | null, endOffsetHistory: readonly EndOffsetPoint[], now: number): number | null {
  if (committedOffset === null) return null;
  const points = currentLogHistory(endOffsetHistory);
  const newest = points.at(-1);
  if (!newest) return null;
  if (committedOffset >= newest.logEndOffset) return 0;

  const producedAt = findProductionTime(committedOffset, points);
  if (producedAt === null) return null;
  return Math.max(0, (now - producedAt) / 1000);
}

/**
 * Time lag of every partition of a group and the group's worst (max) partition. The maximum is null as
 * soon as one partition that may be behind cannot be estimated: leaving it out would report a lagging
 * group as "0 s". Only a partition known to have nothing to read (no commit on an empty log) is skipped.
 */
export function estimateGroupTimeLag(groupId: string, partitions: readonly PartitionTimeLagInput[], now: number): GroupTimeLagDto {
  const results: PartitionTimeLagDto[] = partitions.map((p) => ({
    topic: p.topic,
    partition: p.partition,
    secondsBehind: roundToMillis(estimatePartitionTimeLag(p.committedOffset, p.endOffsetHistory, now)),
  }));
  const unknown = partitions.filter((p, i) => results[i]!.secondsBehind === null && !isKnownEmpty(p)).length;
  const known = results.flatMap((r) => (r.secondsBehind === null ? [] : [r.secondsBehind]));
  return {
    groupId,
    maxSecondsBehind: unknown > 0 || known.length === 0 ? null : Math.max(...known),
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

/** When the log end passed `offset`, i.e. when the record at `offset` was written (epoch ms). */
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
  return extrapolateBeforeOldest(offset, points);
}

function interpolate(a: EndOffsetPoint, b: EndOffsetPoint, offset: bigint): number {
  const fraction = Number(offset - a.logEndOffset) / Number(b.logEndOffset - a.logEndOffset);
  return a.at + fraction * (b.at - a.at);
}

/**
 * The offset predates the history: project back from the oldest sample at the most recent
 * production rate (records per ms). Without any movement in the history there is no rate to use.
 */
function extrapolateBeforeOldest(offset: bigint, points: readonly EndOffsetPoint[]): number | null {
  const oldest = points[0];
  if (!oldest) return null;
  for (let i = points.length - 1; i > 0; i--) {
    const later = points[i]!;
    const earlier = points[i - 1]!;
    const moved = later.logEndOffset - earlier.logEndOffset;
    const elapsed = later.at - earlier.at;
    if (moved > 0n && elapsed > 0) {
      const recordsPerMs = Number(moved) / elapsed;
      return oldest.at - Number(oldest.logEndOffset - offset) / recordsPerMs;
    }
  }
  return null;
}

function roundToMillis(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds * 1000) / 1000;
}
