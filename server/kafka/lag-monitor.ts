import 'server-only';

import type { LagSnapshot } from './admin';
import { ownedPartitionKeys } from './group-members';
import { DEFAULT_RETENTION_POLICY, PARTITION_DETAIL_RETENTION_POLICY, planGroupPointCompaction, planHistoryCompaction, type RetentionPolicy } from './history';
import { computeGroupLag, type GroupLag } from './lag';
import { toGroupLagPoint, type GroupLagPoint, type PartitionLagSample } from './lag-sample';
import { decodeGroupWindow, encodeGroupWindow, judgeGroupWindow, observeGroup, type GroupWindow, type WindowOptions } from './lag-window';
import { partitionKey } from './offset';
import type { GroupState, LagSampleStore } from './sample-store';

/**
 * The worker's side of lag monitoring: each round's snapshot goes into the in-memory windows, every
 * group is judged there (status, time lag), and the round stores each group's latest state, one
 * point per group, per-partition samples once per bucket, and the windows every few minutes. The
 * pages read what it stored; nothing is judged per request.
 */

const MINUTE = 60_000;

export interface LagMonitorOptions extends WindowOptions {
  /** One per-partition sample per partition in this period (default 5 minutes). */
  partitionBucketMs?: number;
  /** How often the windows are persisted (default 5 minutes; 0 = every round). */
  windowPersistEveryMs?: number;
  /** Shift each group's buckets and persist slots by a hash of its id (default true; false aligns them, for tests). */
  stagger?: boolean;
}

export interface RecordedRound {
  lags: GroupLag[];
  states: GroupState[];
  /** Judging the round (windows, status, time lag) and storing it, ms. */
  computeMs: number;
  storeMs: number;
  /** Groups whose window this round persisted. */
  windowsPersisted: number;
  partitionSamplesWritten: number;
}

/** A monitor remembers windows per cluster; one per worker process. */
export function createLagMonitor(store: LagSampleStore, options: LagMonitorOptions = {}) {
  const bucketMs = options.partitionBucketMs ?? 5 * MINUTE;
  const persistEveryMs = options.windowPersistEveryMs ?? 5 * MINUTE;
  const clusters = new Map<
    string,
    {
      windows: Map<string, GroupWindow>;
      /** A group's last persisted slot (staggered per group, so each round writes a share of the windows). */
      persistedSlotOf: Map<string, number>;
      bucketOf: Map<string, number>;
      bucketMaxLag: Map<string, bigint | null>;
    }
  >();

  async function memoryOf(clusterId: string) {
    let memory = clusters.get(clusterId);
    if (!memory) {
      const windows = new Map<string, GroupWindow>();
      for (const [groupId, text] of await store.loadGroupWindows(clusterId)) windows.set(groupId, decodeGroupWindow(text));
      memory = { windows, persistedSlotOf: new Map(), bucketOf: new Map(), bucketMaxLag: new Map() };
      clusters.set(clusterId, memory);
    }
    return memory;
  }

  return {
    /** Judges one snapshot and stores the round. */
    async recordSnapshot(clusterId: string, snapshot: LagSnapshot): Promise<RecordedRound> {
      const memory = await memoryOf(clusterId);
      const startedAt = performance.now();
      const at = snapshot.takenAt;

      const lags: GroupLag[] = [];
      const states: GroupState[] = [];
      const points: GroupLagPoint[] = [];
      const samples: PartitionLagSample[] = [];
      const windows = new Map<string, string>();
      const seen = new Set<string>();
      for (const group of snapshot.groups) {
        const lag = computeGroupLag(group.lagInput);
        lags.push(lag);
        seen.add(group.groupId);
        const owned = ownedPartitionKeys(group);
        const window = observeGroup(memory.windows.get(group.groupId) ?? new Map(), lag, at, owned, options);
        memory.windows.set(group.groupId, window);
        const judged = judgeGroupWindow(group.groupId, window, at, options);
        const state = toGroupState(lag, at, judged, { state: group.state, memberCount: group.members.length });
        states.push(state);
        points.push(toGroupLagPoint(lag, at, { status: state.status, timeLagSeconds: state.timeLagSeconds }));
        // Each group's buckets and persist slots are shifted by a hash of its id, so a round writes about
        // one round's share of the partition samples and windows instead of all of them at once.
        const phase = options.stagger === false ? 0 : phaseOf(group.groupId);
        const slot = persistEveryMs > 0 ? Math.floor((at + (phase % persistEveryMs)) / persistEveryMs) : at;
        if (memory.persistedSlotOf.get(group.groupId) !== slot) {
          memory.persistedSlotOf.set(group.groupId, slot);
          windows.set(group.groupId, encodeGroupWindow(window));
        }
        const bucket = Math.floor((at + (phase % bucketMs)) / bucketMs);

        for (const p of lag.partitions) {
          const key = `${group.groupId}\u0000${partitionKey(p.topic, p.partition)}`;
          const max = maxOf(memory.bucketMaxLag.get(key) ?? null, p.lag);
          // One sample per partition per bucket: the first round of a bucket, or the first that sees a new partition.
          if (memory.bucketOf.get(key) === bucket) {
            memory.bucketMaxLag.set(key, max);
            continue;
          }
          memory.bucketOf.set(key, bucket);
          memory.bucketMaxLag.delete(key);
          samples.push({
            at,
            groupId: group.groupId,
            topic: p.topic,
            partition: p.partition,
            logStartOffset: p.logStartOffset,
            logEndOffset: p.logEndOffset,
            committedOffset: p.committedOffset,
            lag: p.lag,
            // The largest lag since the previous sample of this partition, so a spike between samples shows.
            maxLag: max,
            resolutionMs: bucketMs,
            hasActiveOwner: owned.has(partitionKey(p.topic, p.partition)),
          });
        }
      }
      // A group the cluster no longer lists leaves memory now; its stored state ages out (expireGroupStates).
      for (const groupId of memory.windows.keys()) if (!seen.has(groupId)) memory.windows.delete(groupId);
      for (const groupId of memory.persistedSlotOf.keys()) if (!seen.has(groupId)) memory.persistedSlotOf.delete(groupId);
      for (const key of memory.bucketOf.keys()) if (!seen.has(key.slice(0, key.indexOf('\u0000')))) forgetPartition(memory, key);
      const judgedAt = performance.now();

      await store.appendRound(clusterId, { states, points, samples, ...(windows.size > 0 ? { windows } : {}) });
      return {
        lags,
        states,
        computeMs: judgedAt - startedAt,
        storeMs: performance.now() - judgedAt,
        windowsPersisted: windows.size,
        partitionSamplesWritten: samples.length,
      };
    },
    /** Lets go of a removed cluster's windows. */
    forget(clusterId: string): void {
      clusters.delete(clusterId);
    },
  };
}

export type LagMonitor = ReturnType<typeof createLagMonitor>;

/** A stable offset in [0, 2^31) from a group id (FNV-1a). */
function phaseOf(groupId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < groupId.length; i++) hash = Math.imul(hash ^ groupId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % 0x80000000;
}

function forgetPartition(memory: { bucketOf: Map<string, number>; bucketMaxLag: Map<string, bigint | null> }, key: string): void {
  memory.bucketOf.delete(key);
  memory.bucketMaxLag.delete(key);
}

function maxOf(a: bigint | null, b: bigint | null): bigint | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** A group's stored state from its lag and the window's judgement. */
export function toGroupState(
  lag: GroupLag,
  at: number,
  judged: ReturnType<typeof judgeGroupWindow>,
  group: { state: string | null; memberCount: number | null },
): GroupState {
  const { status, timeLag } = judged;
  const statusByKey = new Map(status.partitions.map((p) => [partitionKey(p.topic, p.partition), p]));
  const timeLagByKey = new Map(timeLag.partitions.map((p) => [partitionKey(p.topic, p.partition), p]));
  return {
    groupId: lag.groupId,
    sampledAt: at,
    status: status.status,
    severity: status.severity,
    statusReason: status.reason,
    timeLagSeconds: timeLag.maxSecondsBehind,
    timeLagUnknownPartitionCount: timeLag.unknownPartitionCount,
    timeLagEstimated: timeLag.isLowerBound,
    totalLag: lag.totalLag,
    maxPartitionLag: lag.maxPartitionLag,
    partitionCount: lag.partitionCount,
    unknownLagPartitionCount: lag.unknownLagPartitionCount,
    aheadPartitionCount: lag.aheadPartitionCount,
    dataLostPartitionCount: lag.dataLostPartitionCount,
    topics: lag.topics.map((t) => t.topic),
    state: group.state,
    memberCount: group.memberCount,
    partitions: lag.partitions.map((p) => {
      const key = partitionKey(p.topic, p.partition);
      const partitionStatus = statusByKey.get(key);
      const partitionTimeLag = timeLagByKey.get(key);
      return {
        topic: p.topic,
        partition: p.partition,
        logStartOffset: p.logStartOffset,
        logEndOffset: p.logEndOffset,
        committedOffset: p.committedOffset,
        status: partitionStatus?.status ?? null,
        statusReason: partitionStatus?.reason ?? null,
        timeLagSeconds: partitionTimeLag?.secondsBehind ?? null,
        timeLagEstimated: partitionTimeLag?.isLowerBound ?? false,
      };
    }),
  };
}

export interface CompactionPolicies {
  /** Per-partition samples (default: 5 min to 6 h, hourly to 2 days). */
  partitions?: RetentionPolicy;
  /** Per-group points (default: raw 2 h, 5 min to 2 days, hourly to 90 days). */
  groups?: RetentionPolicy;
}

/** Applies the retention policies to every group's stored history (deleted groups' too, until it expires). */
export async function compactLagHistory(
  store: LagSampleStore,
  clusterId: string,
  now: number,
  policies: CompactionPolicies = {},
): Promise<{ removed: number; inserted: number }> {
  const partitionPolicy = policies.partitions ?? PARTITION_DETAIL_RETENTION_POLICY;
  const groupPolicy = policies.groups ?? DEFAULT_RETENTION_POLICY;
  let removed = 0;
  let inserted = 0;
  for (const groupId of await store.listGroupIds(clusterId)) {
    // Rows younger than a policy's first tier are as they were written; only older ones need reading.
    const samples = await store.listGroupSamples(clusterId, groupId, { since: 0, until: firstTierEnd(now, partitionPolicy) });
    const samplePlan = planHistoryCompaction(samples, now, partitionPolicy);
    if (samplePlan.remove.length > 0 || samplePlan.insert.length > 0) await store.applySampleCompaction(clusterId, samplePlan);

    const points = await store.listGroupPoints(clusterId, groupId, { since: 0, until: firstTierEnd(now, groupPolicy) });
    const pointPlan = planGroupPointCompaction(points, now, groupPolicy);
    if (pointPlan.remove.length > 0 || pointPlan.insert.length > 0) await store.applyPointCompaction(clusterId, pointPlan);

    removed += samplePlan.remove.length + pointPlan.remove.length;
    inserted += samplePlan.insert.length + pointPlan.insert.length;
  }
  return { removed, inserted };
}

function firstTierEnd(now: number, policy: RetentionPolicy): number {
  const first = policy[0];
  return first ? now - first.maxAgeMs + 1 : now + 1;
}
