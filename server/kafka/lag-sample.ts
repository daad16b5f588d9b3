import 'server-only';

import type { ConsumerStatus } from '@/lib/kafka/dto';

import type { GroupLag } from './lag';
import { partitionKey } from './offset';

/**
 * One observation of one partition for one consumer group: what the lag sampler stores every
 * interval and what status, time lag and charts are computed from.
 */
export interface PartitionLagSample {
  /** epoch ms of the sampling round (all partitions of a round share it) */
  at: number;
  groupId: string;
  topic: string;
  partition: number;
  logStartOffset: bigint;
  logEndOffset: bigint;
  /** null: the group has no commit for this partition */
  committedOffset: bigint | null;
  /** Lag at `at` (for a downsampled bucket: of its last sample); null when unknown. */
  lag: bigint | null;
  /** Largest lag in the period this sample stands for; equals `lag` for a raw sample. */
  maxLag: bigint | null;
  /** 0 for a raw sample, else the width of the bucket it summarises. */
  resolutionMs: number;
  /** A live member of the group is assigned this partition; undefined when not known. */
  hasActiveOwner?: boolean;
}

/**
 * Turns one computed group lag into raw samples. `ownedPartitionKeys` holds `partitionKey()`s assigned
 * to live members (from describeGroups); pass undefined when membership was not read.
 */
export function toLagSamples(groupLag: Pick<GroupLag, 'groupId' | 'partitions'>, at: number, ownedPartitionKeys?: ReadonlySet<string>): PartitionLagSample[] {
  return groupLag.partitions.map((p) => ({
    at,
    groupId: groupLag.groupId,
    topic: p.topic,
    partition: p.partition,
    logStartOffset: p.logStartOffset,
    logEndOffset: p.logEndOffset,
    committedOffset: p.committedOffset,
    lag: p.lag,
    maxLag: p.lag,
    resolutionMs: 0,
    ...(ownedPartitionKeys ? { hasActiveOwner: ownedPartitionKeys.has(partitionKey(p.topic, p.partition)) } : {}),
  }));
}

/** Groups samples by topic-partition, each series sorted oldest first. */
export function groupSamplesByPartition<T extends { topic: string; partition: number; at: number }>(samples: readonly T[]): Map<string, T[]> {
  const series = new Map<string, T[]>();
  for (const sample of samples) {
    const key = partitionKey(sample.topic, sample.partition);
    const list = series.get(key) ?? [];
    list.push(sample);
    series.set(key, list);
  }
  for (const list of series.values()) list.sort((a, b) => a.at - b.at);
  return series;
}

/** One observation of a whole group: totals for charts, kept far longer than per-partition detail. */
export interface GroupLagPoint {
  /** epoch ms of the sampling round */
  at: number;
  groupId: string;
  /** Sum of known partition lags at `at` (for a bucket: of its last point). */
  totalLag: bigint;
  /** Largest totalLag in the period this point stands for; equals totalLag for a raw point. */
  peakTotalLag: bigint;
  /** Largest single-partition lag in the period. */
  maxPartitionLag: bigint | null;
  partitionCount: number;
  unknownLagPartitionCount: number;
  dataLostPartitionCount: number;
  /** 0 for a raw point, else the width of the bucket it summarises. */
  resolutionMs: number;
  /** Worst partition's seconds behind (for a bucket: of its last point); null when unknown or not judged. */
  timeLagSeconds?: number | null;
  /** The status the worker judged (for a bucket: the worst in it); null when not judged. */
  status?: ConsumerStatus | null;
}

/** The raw group point for one computed group lag, with the worker's judgement when it made one. */
export function toGroupLagPoint(groupLag: GroupLag, at: number, judgement?: { status: ConsumerStatus; timeLagSeconds: number | null }): GroupLagPoint {
  return {
    ...(judgement ? { status: judgement.status, timeLagSeconds: judgement.timeLagSeconds } : {}),
    at,
    groupId: groupLag.groupId,
    totalLag: groupLag.totalLag,
    peakTotalLag: groupLag.totalLag,
    maxPartitionLag: groupLag.maxPartitionLag,
    partitionCount: groupLag.partitionCount,
    unknownLagPartitionCount: groupLag.unknownLagPartitionCount,
    dataLostPartitionCount: groupLag.dataLostPartitionCount,
    resolutionMs: 0,
  };
}
