/**
 * JSON shapes the Kafka pages and `/api/v1/kafka/...` return. Offsets and lag are decimal strings
 * (they are 64-bit); a lag of `null` means "unknown" (the group never committed that partition).
 */

export interface PartitionLagDto {
  topic: string;
  partition: number;
  logStartOffset: string;
  logEndOffset: string;
  committedOffset: string | null;
  lag: string | null;
  /** The committed offset is below the log start: records were deleted before the group read them. */
  dataLostToRetention: boolean;
  /** How many records were deleted unread (log start − committed); "0" when none. */
  lostRecords: string;
}

export interface TopicLagDto {
  topic: string;
  totalLag: string;
  maxPartitionLag: string | null;
  partitionCount: number;
  unknownLagPartitionCount: number;
  dataLostPartitionCount: number;
}

export interface GroupLagDto {
  groupId: string;
  totalLag: string;
  maxPartitionLag: string | null;
  partitionCount: number;
  unknownLagPartitionCount: number;
  dataLostPartitionCount: number;
  lostRecords: string;
  topics: TopicLagDto[];
  partitions: PartitionLagDto[];
}

/**
 * Burrow-style consumer status. Ordered from best to worst; a group takes its worst partition's status.
 * UNKNOWN: no commit yet or too few samples to judge.
 */
export const CONSUMER_STATUSES = ['OK', 'UNKNOWN', 'WARN', 'STOP', 'STALL', 'REWIND'] as const;
export type ConsumerStatus = (typeof CONSUMER_STATUSES)[number];
export type ConsumerSeverity = 'ok' | 'unknown' | 'warning' | 'error';

export interface PartitionStatusDto {
  topic: string;
  partition: number;
  status: ConsumerStatus;
  severity: ConsumerSeverity;
  /** One sentence with the numbers that led to the status. */
  reason: string;
  currentLag: string | null;
  samplesEvaluated: number;
}

export interface GroupStatusDto {
  groupId: string;
  status: ConsumerStatus;
  severity: ConsumerSeverity;
  reason: string;
  partitions: PartitionStatusDto[];
}

export interface PartitionTimeLagDto {
  topic: string;
  partition: number;
  /** Seconds the group is behind the newest record; null when there is not enough history to say. */
  secondsBehind: number | null;
}

export interface GroupTimeLagDto {
  groupId: string;
  /** Worst partition; null when no partition could be estimated. */
  maxSecondsBehind: number | null;
  unknownPartitionCount: number;
  partitions: PartitionTimeLagDto[];
}

export interface OffsetResetPartitionDto {
  topic: string;
  partition: number;
  currentOffset: string | null;
  newOffset: string;
  logStartOffset: string;
  logEndOffset: string;
  lagAfterReset: string;
  /** Why the target offset moved, e.g. "clamped to the log start" or "no record at or after the time". */
  note: string | null;
}

export interface OffsetResetPlanDto {
  groupId: string;
  strategy: string;
  partitions: OffsetResetPartitionDto[];
  totalLagAfterReset: string;
  executed: boolean;
}

/** A plan as returned by the reset endpoint, with the group's state when it was read. */
export interface OffsetResetResultDto extends OffsetResetPlanDto {
  groupState: string;
}

export interface ConsumerGroupMemberDto {
  memberId: string;
  clientId: string;
  host: string;
  assignments: { topic: string; partitions: number[] }[];
}
