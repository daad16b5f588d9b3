import 'server-only';

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

/**
 * Persistence the lag monitor needs: per-partition samples (short-lived detail for status and time
 * lag) and per-group points (long-lived totals for charts). The Prisma implementation belongs in
 * `server/kafka/queries.ts` (the only place that may import `db`); the in-memory one below serves
 * tests and a DB-less demo.
 */
export interface LagSampleStore {
  /** Stores one sampling round: raw partition samples and raw group points, in one transaction. */
  appendRound(clusterId: string, round: { samples: readonly PartitionLagSample[]; points: readonly GroupLagPoint[] }): Promise<void>;
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
  let nextId = 1;
  const rowsOf = <T>(table: Map<string, T[]>, clusterId: string): T[] => {
    const rows = table.get(clusterId) ?? [];
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
