import 'server-only';

import type { ConsumerSeverity, ConsumerStatus } from '@/lib/kafka/dto';

import { applyCompactionPlan, type CompactionPlan } from './history';
import type { GroupLagPoint, PartitionLagSample } from './lag-sample';

/** A stored row; `id` lets compaction delete exactly the rows it folded. */
export type Stored<T> = T & { id: string };
export type StoredLagSample = Stored<PartitionLagSample>;
export type StoredGroupLagPoint = Stored<GroupLagPoint>;

export interface TimeRange {
  /** inclusive, epoch ms */
  since: number;
  /** exclusive, epoch ms; default: no upper bound */
  until?: number;
}

/** One partition of a group as the worker's latest round saw and judged it. */
export interface PartitionState {
  topic: string;
  partition: number;
  logStartOffset: bigint;
  logEndOffset: bigint;
  committedOffset: bigint | null;
  status: ConsumerStatus | null;
  statusReason: string | null;
  timeLagSeconds: number | null;
  timeLagEstimated: boolean;
}

/** A group as the worker's latest round judged it: what the list and the group page read. */
export interface GroupState {
  groupId: string;
  /** epoch ms of the round that last saw the group */
  sampledAt: number;
  status: ConsumerStatus;
  severity: ConsumerSeverity;
  statusReason: string;
  timeLagSeconds: number | null;
  timeLagUnknownPartitionCount: number;
  timeLagEstimated: boolean;
  totalLag: bigint;
  maxPartitionLag: bigint | null;
  partitionCount: number;
  unknownLagPartitionCount: number;
  aheadPartitionCount: number;
  dataLostPartitionCount: number;
  topics: string[];
  /** Kafka's group state and member count at the round (null when not read). */
  state: string | null;
  memberCount: number | null;
  partitions: PartitionState[];
}

/** What one sampling round writes. */
export interface LagRound {
  /** Every group the round saw, replacing their stored state. */
  states: readonly GroupState[];
  /** One raw point per group. */
  points: readonly GroupLagPoint[];
  /** Per-partition samples, written once per partition bucket (not every round). */
  samples: readonly PartitionLagSample[];
  /** Encoded windows by group id that the round persists, each replacing that group's stored window. */
  windows?: ReadonlyMap<string, string>;
}

export interface GroupStateQuery {
  /** Only these groups (default: all). */
  groupIds?: readonly string[];
  /** Only groups the round at this time saw. */
  sampledAt?: number;
  /** Read the per-partition part too (the group page and the history fallback need it; the list does not). */
  withPartitions?: boolean;
}

/**
 * Persistence the lag monitor needs: each group's latest state (written every round), the worker's
 * windows (every few minutes), per-group points (kept for months, rolled up) and coarse per-partition
 * samples (for per-partition charts). The Prisma implementation is in `server/kafka/queries.ts` (the
 * only place that may import `db`); the in-memory one below serves tests and a DB-less demo.
 */
export interface LagSampleStore {
  /** Stores one sampling round in one transaction. */
  appendRound(clusterId: string, round: LagRound): Promise<void>;
  /** Stored states, group ids ascending; `partitions` is empty unless asked for. */
  listGroupStates(clusterId: string, query?: GroupStateQuery): Promise<GroupState[]>;
  /** Time of the newest round that saw any group (or this one), epoch ms; null when none. */
  findLatestSampledAt(clusterId: string, groupId?: string): Promise<number | null>;
  /** Persisted windows by group id (what a restarted worker resumes from). */
  loadGroupWindows(clusterId: string): Promise<Map<string, string>>;
  /** Deletes state and window of groups last seen before `seenBefore`; returns their ids. */
  expireGroupStates(clusterId: string, seenBefore: number): Promise<string[]>;
  /** A group's partition samples with `since <= at < until`, oldest first. */
  listGroupSamples(clusterId: string, groupId: string, range: TimeRange): Promise<StoredLagSample[]>;
  /** A group's points with `since <= at < until`, oldest first. */
  listGroupPoints(clusterId: string, groupId: string, range: TimeRange): Promise<StoredGroupLagPoint[]>;
  /** Groups that have any stored sample or point, for compaction. */
  listGroupIds(clusterId: string): Promise<string[]>;
  /** Deletes `plan.remove` and inserts `plan.insert` in one transaction. */
  applySampleCompaction(clusterId: string, plan: CompactionPlan<StoredLagSample, PartitionLagSample>): Promise<void>;
  applyPointCompaction(clusterId: string, plan: CompactionPlan<StoredGroupLagPoint, GroupLagPoint>): Promise<void>;
}

/** A LagSampleStore in process memory. */
export function createInMemoryLagSampleStore(): LagSampleStore {
  const samples = new Map<string, StoredLagSample[]>();
  const points = new Map<string, StoredGroupLagPoint[]>();
  const states = new Map<string, Map<string, GroupState>>();
  const windows = new Map<string, Map<string, string>>();
  let nextId = 1;
  const rowsOf = <T>(table: Map<string, T[]>, clusterId: string): T[] => {
    const rows = table.get(clusterId) ?? [];
    table.set(clusterId, rows);
    return rows;
  };
  const mapOf = <T>(table: Map<string, Map<string, T>>, clusterId: string): Map<string, T> => {
    const rows = table.get(clusterId) ?? new Map<string, T>();
    table.set(clusterId, rows);
    return rows;
  };
  const withId = <T>(row: T): Stored<T> => ({ ...row, id: String(nextId++) });
  const inRange = <T extends { groupId: string; at: number }>(rows: T[], groupId: string, { since, until = Infinity }: TimeRange) =>
    rows.filter((r) => r.groupId === groupId && r.at >= since && r.at < until).sort((a, b) => a.at - b.at);

  return {
    async appendRound(clusterId, round) {
      rowsOf(samples, clusterId).push(...round.samples.map(withId));
      rowsOf(points, clusterId).push(...round.points.map(withId));
      const stored = mapOf(states, clusterId);
      for (const state of round.states) stored.set(state.groupId, state);
      for (const [groupId, window] of round.windows ?? []) mapOf(windows, clusterId).set(groupId, window);
    },
    async listGroupStates(clusterId, query = {}) {
      const ids = query.groupIds ? new Set(query.groupIds) : null;
      return [...mapOf(states, clusterId).values()]
        .filter((s) => (!ids || ids.has(s.groupId)) && (query.sampledAt === undefined || s.sampledAt === query.sampledAt))
        .map((s) => (query.withPartitions ? s : { ...s, partitions: [] }))
        .sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
    },
    async findLatestSampledAt(clusterId, groupId) {
      const times = [...mapOf(states, clusterId).values()].filter((s) => !groupId || s.groupId === groupId).map((s) => s.sampledAt);
      return times.length ? Math.max(...times) : null;
    },
    async loadGroupWindows(clusterId) {
      return new Map(mapOf(windows, clusterId));
    },
    async expireGroupStates(clusterId, seenBefore) {
      const stored = mapOf(states, clusterId);
      const expired = [...stored.values()].filter((s) => s.sampledAt < seenBefore).map((s) => s.groupId);
      for (const groupId of expired) {
        stored.delete(groupId);
        mapOf(windows, clusterId).delete(groupId);
      }
      return expired.sort();
    },
    async listGroupSamples(clusterId, groupId, range) {
      return inRange(rowsOf(samples, clusterId), groupId, range);
    },
    async listGroupPoints(clusterId, groupId, range) {
      return inRange(rowsOf(points, clusterId), groupId, range);
    },
    async listGroupIds(clusterId) {
      const ids = [...rowsOf(samples, clusterId), ...rowsOf(points, clusterId)].map((r) => r.groupId);
      return [...new Set(ids)].sort();
    },
    async applySampleCompaction(clusterId, plan) {
      samples.set(clusterId, applyCompactionPlan(rowsOf(samples, clusterId), { remove: plan.remove, insert: plan.insert.map(withId) }) as StoredLagSample[]);
    },
    async applyPointCompaction(clusterId, plan) {
      points.set(clusterId, applyCompactionPlan(rowsOf(points, clusterId), { remove: plan.remove, insert: plan.insert.map(withId) }) as StoredGroupLagPoint[]);
    },
  };
}
