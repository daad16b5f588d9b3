import 'server-only';

import type { GroupStatusDto, GroupTimeLagDto } from '@/lib/kafka/dto';

import type { LagSnapshot } from './admin';
import { ownedPartitionKeys } from './group-members';
import { DEFAULT_RETENTION_POLICY, PARTITION_DETAIL_RETENTION_POLICY, planGroupPointCompaction, planHistoryCompaction, type RetentionPolicy } from './history';
import { computeGroupLag, type GroupLag } from './lag';
import { groupSamplesByPartition, toGroupLagPoint, toLagSamples } from './lag-sample';
import type { LagSampleStore } from './sample-store';
import { evaluateGroupStatus, type StatusOptions } from './status';
import { estimateGroupTimeLag } from './time-lag';

/**
 * Glue for the worker's lag sampler and the Kafka pages: snapshot → samples → store, and stored samples
 * → status and time lag. Everything here is plain data in and out; the cluster is read by admin.ts.
 */

/** Computes every group's lag from a snapshot and stores one raw sample per partition plus one point per group. */
export async function recordLagSnapshot(store: LagSampleStore, clusterId: string, snapshot: LagSnapshot): Promise<GroupLag[]> {
  const lags = snapshot.groups.map((group) => ({ group, lag: computeGroupLag(group.lagInput) }));
  await store.appendRound(clusterId, {
    samples: lags.flatMap(({ group, lag }) => toLagSamples(lag, snapshot.takenAt, ownedPartitionKeys(group))),
    points: lags.map(({ lag }) => toGroupLagPoint(lag, snapshot.takenAt)),
  });
  return lags.map(({ lag }) => lag);
}

export interface CompactionPolicies {
  /** Per-partition detail (default: raw 1 h, 5 min to 6 h, hourly to 2 days). */
  partitions?: RetentionPolicy;
  /** Per-group totals (default: raw 24 h, 5 min to 7 days, hourly to 90 days). */
  groups?: RetentionPolicy;
}

/** Applies the retention policies to every group's stored history. */
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
    // Rows younger than a policy's raw tier stay as they are; only older ones need reading.
    const samples = await store.listGroupSamples(clusterId, groupId, { since: 0, until: rawTierStart(now, partitionPolicy) });
    const samplePlan = planHistoryCompaction(samples, now, partitionPolicy);
    if (samplePlan.remove.length > 0 || samplePlan.insert.length > 0) await store.applySampleCompaction(clusterId, samplePlan);

    const points = await store.listGroupPoints(clusterId, groupId, { since: 0, until: rawTierStart(now, groupPolicy) });
    const pointPlan = planGroupPointCompaction(points, now, groupPolicy);
    if (pointPlan.remove.length > 0 || pointPlan.insert.length > 0) await store.applyPointCompaction(clusterId, pointPlan);

    removed += samplePlan.remove.length + pointPlan.remove.length;
    inserted += samplePlan.insert.length + pointPlan.insert.length;
  }
  return { removed, inserted };
}

function rawTierStart(now: number, policy: RetentionPolicy): number {
  const first = policy[0];
  return first && first.resolutionMs === 0 ? now - first.maxAgeMs + 1 : now + 1;
}

export interface GroupLagHealth {
  status: GroupStatusDto;
  timeLag: GroupTimeLagDto;
}

export interface GroupLagHealthOptions extends StatusOptions {
  /** How far back to read end offsets for time-lag interpolation (default 2 days, the detail retention). */
  timeLagHistoryMs?: number;
}

/** Burrow-style status over the recent window and time lag from the stored end-offset history. */
export async function getGroupLagHealth(
  store: LagSampleStore,
  clusterId: string,
  groupId: string,
  now: number,
  options: GroupLagHealthOptions = {},
): Promise<GroupLagHealth> {
  const since = now - (options.timeLagHistoryMs ?? 2 * 24 * 60 * 60_000);
  const samples = await store.listGroupSamples(clusterId, groupId, { since, until: now + 1 });
  // Status is about the consumer's recent behaviour, so it reads raw samples only.
  const status = evaluateGroupStatus(
    groupId,
    samples.filter((s) => s.resolutionMs === 0),
    now,
    options,
  );
  const timeLag = estimateGroupTimeLag(
    groupId,
    [...groupSamplesByPartition(samples).values()].map((series) => {
      const latest = series.at(-1)!;
      return {
        topic: latest.topic,
        partition: latest.partition,
        committedOffset: latest.committedOffset,
        logStartOffset: latest.logStartOffset,
        endOffsetHistory: series.map(({ at, logEndOffset }) => ({ at, logEndOffset })),
      };
    }),
    now,
  );
  return { status, timeLag };
}
