import 'server-only';

import type { GroupLagDto, PartitionLagDto, TopicLagDto } from '@/lib/kafka/dto';

import { type OffsetLike, parseOffset, requireOffset } from './offset';

/** Raw offsets of one partition as read from the cluster (kafkajs strings are fine). */
export interface PartitionOffsetsInput {
  topic: string;
  partition: number;
  logStartOffset: OffsetLike;
  /** High watermark: the offset the next produced record will get. */
  logEndOffset: OffsetLike;
  /** The group's committed offset; '-1' / null when the group never committed this partition. */
  committedOffset: OffsetLike | null;
  /** Last stable offset (end of what a read_committed consumer can read); absent when not read. */
  lastStableOffset?: OffsetLike | null;
}

export interface GroupLagInput {
  groupId: string;
  partitions: readonly PartitionOffsetsInput[];
}

export interface PartitionLag {
  topic: string;
  partition: number;
  logStartOffset: bigint;
  logEndOffset: bigint;
  committedOffset: bigint | null;
  /** null when not read (e.g. rebuilt from stored history). */
  lastStableOffset: bigint | null;
  /**
   * What a read_committed consumer still has to read: last stable offset − committed, 0 when the commit
   * is inside an open transaction, the (negative) lag when ahead of the log end; null when unknown.
   */
  readCommittedLag: bigint | null;
  /**
   * Log end − committed, as kafka-consumer-groups prints it; null = unknown (no commit). Negative when
   * the commit is ahead of the log end (topic recreated or truncated): see `aheadOfLogEnd`.
   */
  lag: bigint | null;
  /** The committed offset is past the log end: the log the group read is gone. */
  aheadOfLogEnd: boolean;
  dataLostToRetention: boolean;
  lostRecords: bigint;
}

export interface LagTotals {
  /**
   * Sum over partitions with a known, non-negative lag; unknown partitions are counted, not summed as
   * 0, and a negative lag (commit ahead of the log end) is left out, as MSK's SumOffsetLag does.
   */
  totalLag: bigint;
  /** Largest non-negative partition lag; null when none is known. */
  maxPartitionLag: bigint | null;
  partitionCount: number;
  unknownLagPartitionCount: number;
  /** Partitions whose commit is ahead of the log end (negative lag, left out of the totals). */
  aheadPartitionCount: number;
  dataLostPartitionCount: number;
  lostRecords: bigint;
}

export interface TopicLag extends LagTotals {
  topic: string;
}

export interface GroupLag extends LagTotals {
  groupId: string;
  topics: TopicLag[];
  partitions: PartitionLag[];
}

/** Lag of one partition from its raw offsets. */
export function computePartitionLag(input: PartitionOffsetsInput): PartitionLag {
  const { topic, partition } = input;
  const logStartOffset = requireOffset(input.logStartOffset, () => `log start offset of ${topic}-${partition}`);
  const logEndOffset = requireOffset(input.logEndOffset, () => `log end offset of ${topic}-${partition}`);
  const committedOffset = parseOffset(input.committedOffset);
  const lastStableOffset = parseOffset(input.lastStableOffset);
  if (committedOffset === null) {
    const unknown = { lag: null, readCommittedLag: null, aheadOfLogEnd: false, dataLostToRetention: false, lostRecords: 0n };
    return { topic, partition, logStartOffset, logEndOffset, committedOffset, lastStableOffset, ...unknown };
  }
  // Kafka's tool prints log end − committed even when that is negative. The end offsets are read after
  // the commits, so a live consumer cannot get ahead of them: a commit past the end means the log it
  // was committed against is gone (topic deleted and recreated, or truncated).
  const lag = logEndOffset - committedOffset;
  const aheadOfLogEnd = lag < 0n;
  // Kafka's tool counts open transactions and markers as lag; a read_committed consumer stops at the LSO.
  const readCommittedLag =
    lastStableOffset === null ? null : aheadOfLogEnd ? lag : committedOffset > lastStableOffset ? 0n : lastStableOffset - committedOffset;
  // Retention deleted records the group never read; they still count as lag, as kafka-consumer-groups shows it.
  const dataLostToRetention = committedOffset < logStartOffset;
  const lostRecords = dataLostToRetention ? logStartOffset - committedOffset : 0n;
  return {
    topic,
    partition,
    logStartOffset,
    logEndOffset,
    committedOffset,
    lastStableOffset,
    readCommittedLag,
    lag,
    aheadOfLogEnd,
    dataLostToRetention,
    lostRecords,
  };
}

/** Lag of a consumer group per partition, per topic and in total, from raw offsets. */
export function computeGroupLag(input: GroupLagInput): GroupLag {
  const partitions = input.partitions.map(computePartitionLag).sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
  const byTopic = new Map<string, PartitionLag[]>();
  for (const partition of partitions) {
    const list = byTopic.get(partition.topic) ?? [];
    list.push(partition);
    byTopic.set(partition.topic, list);
  }
  const topics = [...byTopic].map(([topic, list]) => ({ topic, ...sumLag(list) }));
  return { groupId: input.groupId, ...sumLag(partitions), topics, partitions };
}

/** Totals over any set of partitions (a topic, a group, a whole cluster). */
function sumLag(partitions: readonly PartitionLag[]): LagTotals {
  let totalLag = 0n;
  let maxPartitionLag: bigint | null = null;
  let unknownLagPartitionCount = 0;
  let aheadPartitionCount = 0;
  let dataLostPartitionCount = 0;
  let lostRecords = 0n;
  for (const { lag, dataLostToRetention, lostRecords: lost } of partitions) {
    if (lag === null) {
      unknownLagPartitionCount += 1;
    } else if (lag < 0n) {
      aheadPartitionCount += 1;
    } else {
      totalLag += lag;
      if (maxPartitionLag === null || lag > maxPartitionLag) maxPartitionLag = lag;
    }
    if (dataLostToRetention) dataLostPartitionCount += 1;
    lostRecords += lost;
  }
  return {
    totalLag,
    maxPartitionLag,
    partitionCount: partitions.length,
    unknownLagPartitionCount,
    aheadPartitionCount,
    dataLostPartitionCount,
    lostRecords,
  };
}

/** JSON-safe view of a group's lag: bigints as decimal strings, unknown lag as null. */
export function toGroupLagDto(groupLag: GroupLag): GroupLagDto {
  return {
    groupId: groupLag.groupId,
    ...totalsToDto(groupLag),
    lostRecords: groupLag.lostRecords.toString(),
    topics: groupLag.topics.map((topic): TopicLagDto => ({ topic: topic.topic, ...totalsToDto(topic) })),
    partitions: groupLag.partitions.map(toPartitionLagDto),
  };
}

function toPartitionLagDto(partition: PartitionLag): PartitionLagDto {
  return {
    topic: partition.topic,
    partition: partition.partition,
    logStartOffset: partition.logStartOffset.toString(),
    logEndOffset: partition.logEndOffset.toString(),
    committedOffset: partition.committedOffset?.toString() ?? null,
    lastStableOffset: partition.lastStableOffset?.toString() ?? null,
    lag: partition.lag?.toString() ?? null,
    readCommittedLag: partition.readCommittedLag?.toString() ?? null,
    aheadOfLogEnd: partition.aheadOfLogEnd,
    dataLostToRetention: partition.dataLostToRetention,
    lostRecords: partition.lostRecords.toString(),
  };
}

function totalsToDto(totals: LagTotals) {
  return {
    totalLag: totals.totalLag.toString(),
    maxPartitionLag: totals.maxPartitionLag?.toString() ?? null,
    partitionCount: totals.partitionCount,
    unknownLagPartitionCount: totals.unknownLagPartitionCount,
    aheadPartitionCount: totals.aheadPartitionCount,
    dataLostPartitionCount: totals.dataLostPartitionCount,
  };
}
