import type { ResourceOwnerDto } from '@/lib/tenancy/dto';
import type { KafkaConnectionKind } from '@/lib/schemas/kafka';
import type { ConsumerGroupSortKey } from '@/lib/schemas/kafka';

/**
 * JSON shapes the Kafka pages and `/api/v1/kafka/...` return. Offsets and lag are decimal strings
 * (they are 64-bit); a lag of `null` means "unknown" (the group never committed that partition), a
 * negative lag that the commit is ahead of the log end (as kafka-consumer-groups prints it).
 */

export interface PartitionLagDto {
  topic: string;
  partition: number;
  logStartOffset: string;
  logEndOffset: string;
  committedOffset: string | null;
  /**
   * Last stable offset: where the oldest open transaction starts (the log end when none is open); a
   * read_committed consumer reads no further. null when read from stored history.
   */
  lastStableOffset: string | null;
  /**
   * Log end − committed, as kafka-consumer-groups prints it (transaction markers and open transactions
   * count); negative when the commit is ahead of the log end; null without a commit.
   */
  lag: string | null;
  /** What a read_committed consumer still has to read (last stable offset − committed); null when unknown. */
  readCommittedLag: string | null;
  /** The committed offset is past the log end (topic recreated or truncated); the lag is negative. */
  aheadOfLogEnd: boolean;
  /** The committed offset is below the log start: records were deleted before the group read them. */
  dataLostToRetention: boolean;
  /** How many records were deleted unread (log start − committed); "0" when none. */
  lostRecords: string;
}

/** Lag summed over a set of partitions (a topic's, or a whole group's). */
interface LagTotalsDto {
  totalLag: string;
  maxPartitionLag: string | null;
  partitionCount: number;
  unknownLagPartitionCount: number;
  /** Partitions committed ahead of the log end: negative lag, left out of totalLag and maxPartitionLag. */
  aheadPartitionCount: number;
  dataLostPartitionCount: number;
}

export interface TopicLagDto extends LagTotalsDto {
  topic: string;
}

export interface GroupLagDto extends LagTotalsDto {
  groupId: string;
  lostRecords: string;
  topics: TopicLagDto[];
  partitions: PartitionLagDto[];
}

/**
 * Burrow-style consumer status. Ordered from best to worst; a group takes its worst partition's status.
 * UNKNOWN: no commit yet or too few samples to judge. AHEAD (not Burrow's): the commit is past the log
 * end, so the log it was made against is gone (topic recreated or truncated).
 */
export const CONSUMER_STATUSES = ['OK', 'UNKNOWN', 'WARN', 'STOP', 'STALL', 'AHEAD', 'REWIND'] as const;
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
  /** The committed offset predates the stored history: secondsBehind is the oldest point's age, a lower bound. */
  isLowerBound: boolean;
}

export interface GroupTimeLagDto {
  groupId: string;
  /**
   * Worst partition; null when any partition that may be behind could not be estimated (unknown is
   * never shown as 0), or when there are no partitions.
   */
  maxSecondsBehind: number | null;
  /** Some partition's figure is a lower bound, so the maximum may be too. */
  isLowerBound: boolean;
  /** Partitions that may be behind and whose time lag is unknown (no commit, or too little history). */
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

// --- Clusters, groups, history and Lambda event source mappings (times are ISO 8601 strings) ---

/** What the lag sampler last saw of a cluster (written by the worker, read by the pages). */
export interface KafkaClusterHealthDto {
  /** `unknown`: the sampler has not reached a verdict yet (new cluster, or no worker running). */
  state: 'reachable' | 'unreachable' | 'unknown';
  /** When the current state began (e.g. "unreachable since"); null when unknown. */
  since: string | null;
  /** The sampler's error while unreachable; null otherwise. */
  lastError: string | null;
  /** The newest stored sampling round with at least one group; null when none. */
  lastSampledAt: string | null;
}

/** How the portal reaches a cluster: everything but secrets. */
export interface KafkaConnectionSummaryDto {
  kind: KafkaConnectionKind;
  /** Self-managed bootstrap brokers; empty for MSK (looked up from the ARN at connect time). */
  brokers: string[];
  clusterArn: string | null;
  region: string | null;
  username: string | null;
  tls: boolean;
  hasCaCert: boolean;
  hasClientCert: boolean;
}

export interface KafkaClusterDto {
  id: string;
  name: string;
  kind: 'msk-iam' | 'self-managed';
  connection: KafkaConnectionSummaryDto;
  /** The AWS target whose credentials sign MSK IAM tokens. */
  target: { id: string; name: string } | null;
  /** Owning team; null = every team (the sandbox cluster). */
  team: { id: string; name: string } | null;
  isSandbox: boolean;
  /** A password or private key is stored (encrypted); its value never leaves the server. */
  hasSecrets: boolean;
  createdAt: string;
  health: KafkaClusterHealthDto;
  /** canResetOffsets: the caller may reset at least one group here (each group says for itself). */
  permissions: { canManage: boolean; canResetOffsets: boolean };
}

export type KafkaConnectionTestDto =
  | {
      ok: true;
      clusterId: string;
      controllerId: number | null;
      brokers: { nodeId: number; host: string; port: number }[];
      kafkaVersion: string | null;
      versionSource: 'msk' | 'inter.broker.protocol.version' | 'unknown';
      topicCount: number;
      latencyMs: number;
    }
  | { ok: false; reason: 'unreachable' | 'authentication' | 'timeout' | 'error'; message: string };

/**
 * Where shown offsets come from: `live` read for this request; `worker` the worker's latest round,
 * recent (the group list answers from it while the cluster is sampled); `history` the newest stored
 * round, standing in because the cluster could not be reached.
 */
export type LagSource = 'live' | 'worker' | 'history';

/** One consumer group in a cluster's list. */
export interface ConsumerGroupSummaryDto {
  groupId: string;
  /** Kafka's group state (Stable, Empty, ...); null when not known. */
  state: string | null;
  memberCount: number | null;
  topics: string[];
  totalLag: string;
  maxPartitionLag: string | null;
  partitionCount: number;
  unknownLagPartitionCount: number;
  /** Partitions committed ahead of the log end: negative lag, left out of totalLag and maxPartitionLag. */
  aheadPartitionCount: number;
  dataLostPartitionCount: number;
  /** Seconds behind (worst partition); null when unknown for any partition that may be behind. */
  timeLagSeconds: number | null;
  /** Partitions that may be behind with an unknown time lag (why timeLagSeconds is null). */
  timeLagUnknownPartitionCount: number;
  /**
   * timeLagSeconds is an estimate from below: a committed offset predates the stored history (it is not
   * extrapolated, since log-end growth counts transaction markers). The pages print "≥".
   */
  timeLagEstimated: boolean;
  status: ConsumerStatus;
  severity: ConsumerSeverity;
  statusReason: string;
  /** Peak total lag per minute over the last hour, oldest first (decimal strings, like every lag). */
  sparkline: { at: string; totalLag: string }[];
  owner: ResourceOwnerDto;
  /** The caller may reset its offsets (a developer of the owning team, or a platform admin). */
  canReset: boolean;
}

export interface ConsumerGroupListDto {
  clusterId: string;
  source: LagSource;
  /** When the shown offsets were read. */
  asOf: string | null;
  /** Why the live read failed; null when it worked. */
  liveError: string | null;
  health: KafkaClusterHealthDto;
  /** Groups matching `q` on every page (the cluster's group count without a filter). */
  total: number;
  page: number;
  pageSize: number;
  sort: ConsumerGroupSortKey;
  order: 'asc' | 'desc';
  /** The filter applied (part of a group id or topic name); null for none. */
  q: string | null;
  /** This page of the matching groups, in the requested order. */
  groups: ConsumerGroupSummaryDto[];
}

/** A partition row of the group page: offsets and lag, with its own status and time lag. */
export interface GroupPartitionDto extends PartitionLagDto {
  status: ConsumerStatus | null;
  statusReason: string | null;
  timeLagSeconds: number | null;
  /** timeLagSeconds is a lower bound (the committed offset predates the stored history). */
  timeLagEstimated: boolean;
  /** Client id of the member that owns it; null when unassigned or unknown. */
  ownerClientId: string | null;
}

export interface ConsumerGroupDetailDto {
  clusterId: string;
  groupId: string;
  source: LagSource;
  asOf: string | null;
  liveError: string | null;
  health: KafkaClusterHealthDto;
  /** Kafka's group state; "Unknown" while the cluster cannot be reached. */
  state: string;
  members: ConsumerGroupMemberDto[];
  status: ConsumerStatus;
  severity: ConsumerSeverity;
  statusReason: string;
  totalLag: string;
  maxPartitionLag: string | null;
  unknownLagPartitionCount: number;
  /** Partitions committed ahead of the log end: negative lag, left out of totalLag and maxPartitionLag. */
  aheadPartitionCount: number;
  dataLostPartitionCount: number;
  lostRecords: string;
  /** Seconds behind (worst partition); null when unknown for any partition that may be behind. */
  timeLagSeconds: number | null;
  /** Partitions that may be behind with an unknown time lag (why timeLagSeconds is null). */
  timeLagUnknownPartitionCount: number;
  /**
   * timeLagSeconds is an estimate from below: a committed offset predates the stored history (it is not
   * extrapolated, since log-end growth counts transaction markers). The pages print "≥".
   */
  timeLagEstimated: boolean;
  topics: TopicLagDto[];
  partitions: GroupPartitionDto[];
  owner: ResourceOwnerDto;
  canReset: boolean;
}

export interface GroupLagHistoryPointDto {
  at: string;
  totalLag: string;
  /** Largest total in the period the point stands for (a downsampled bucket keeps its spike). */
  peakTotalLag: string;
  maxPartitionLag: string | null;
}

export interface PartitionLagHistoryPointDto {
  at: string;
  lag: string | null;
  maxLag: string | null;
}

export interface GroupLagHistoryDto {
  groupId: string;
  from: string;
  to: string;
  /** Width of each point's bucket; 0 when points are raw samples. */
  bucketMs: number;
  total: GroupLagHistoryPointDto[];
  partitions: { topic: string; partition: number; points: PartitionLagHistoryPointDto[] }[];
  /** Per-partition detail is kept for a shorter time than group totals: older ranges have none. */
  partitionDetailRetentionMs: number;
}

/** A Lambda event source mapping that reads from Kafka (MSK or self-managed). */
export interface KafkaEventSourceMappingDto {
  uuid: string;
  functionName: string;
  functionArn: string;
  /** Enabled, Creating, Disabled, ... */
  state: string;
  stateReason: string | null;
  startingPosition: string | null;
  startingPositionTimestamp: string | null;
  topics: string[];
  consumerGroupId: string | null;
  source: { kind: 'msk'; clusterArn: string } | { kind: 'self-managed'; bootstrapServers: string[] };
  batchSize: number | null;
  lastModified: string | null;
  /** The registered cluster it reads from, when one matches. */
  cluster: { id: string; name: string } | null;
  /** The group's lag page; null when the cluster is not registered or the group id is unknown. */
  lagHref: string | null;
  /** The launch of the MSK consumer blueprint that created it, when the portal knows it. */
  launch: { id: string; stackName: string } | null;
}

export interface KafkaEventSourceMappingListDto {
  target: { id: string; name: string; region: string; isSandbox: boolean };
  mappings: KafkaEventSourceMappingDto[];
  /** Set when listing failed (e.g. access denied); mappings is then empty. */
  error: string | null;
}
