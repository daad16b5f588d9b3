import 'server-only';

import type {
  ConsumerGroupDetailDto,
  ConsumerGroupListDto,
  ConsumerGroupMemberDto,
  ConsumerGroupSummaryDto,
  GroupLagHistoryDto,
  GroupPartitionDto,
} from '@/lib/kafka/dto';
import { consumerGroupListQuerySchema, type ConsumerGroupListQuery, type GroupHistoryQuery } from '@/lib/schemas/kafka';
import { ownerLabel } from '@/lib/tenancy/dto';
import type { Actor } from '@/server/auth/actor';
import { AppError } from '@/server/errors';

import { readLagSnapshot, withClusterAdmin, type ClusterAdmin, type GroupSnapshot, type LagSnapshot } from './admin';
import { clusterConfigBuilder, clusterSecretValues } from './cluster-config';
import { describeClusterError } from './cluster-health';
import { readClusterHealth, requireReadableCluster } from './clusters';
import { matchesGroupFilter, pageOfRows, resolveGroupSort, sortGroupRows, sortNeedsHealth, type GroupListRow } from './group-list';
import { loadGroupOwnership, type GroupOwnerOf } from './group-ownership';
import { PARTITION_DETAIL_RETENTION_POLICY } from './history';
import { chooseChartBucketMs, toGroupHistoryPoints, toPartitionHistorySeries, toSparklines } from './history-view';
import { computeGroupLag, toGroupLagDto, type GroupLag } from './lag';
import { getGroupLagHealth, type GroupLagHealth } from './lag-monitor';
import type { PartitionLagSample } from './lag-sample';
import { partitionKey } from './offset';
import { findLatestRoundAt, listClusterPoints, listClusterSamples, listRoundAt, prismaLagSampleStore, type StoredKafkaCluster } from './queries';
import { createInMemoryLagSampleStore } from './sample-store';

/**
 * What the Kafka pages show about consumer groups: live offsets from the cluster (one batched snapshot
 * through the memoised admin), status and time lag from the sampler's stored history. When the cluster
 * cannot be reached, the newest stored round stands in and the DTO says so.
 */

const MINUTE = 60_000;
/** The list judges status and time lag from this much history (one query for all groups). */
const LIST_HISTORY_MS = 15 * MINUTE;
const SPARKLINE_MS = 60 * MINUTE;
const SPARKLINE_BUCKET_MS = MINUTE;
/** A page waits this long for the cluster before falling back to history. */
const LIVE_READ_TIMEOUT_MS = 10_000;

type LiveRead = { snapshot: LagSnapshot; error: null } | { snapshot: null; error: string };

/** Runs a read against the cluster's shared admin with a deadline; failures become a message. */
async function readFromCluster<T>(
  cluster: StoredKafkaCluster,
  fn: (client: ClusterAdmin) => Promise<T>,
): Promise<{ value: T; error: null } | { value: null; error: string }> {
  let timer: NodeJS.Timeout | undefined;
  const read = withClusterAdmin(cluster.id, clusterConfigBuilder(cluster, 'web'), fn, { retryOnConnectionError: true });
  try {
    const value = await Promise.race([
      read,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the cluster did not answer within ${LIVE_READ_TIMEOUT_MS / 1000} s`)), LIVE_READ_TIMEOUT_MS);
      }),
    ]);
    return { value, error: null };
  } catch (error) {
    read.catch(() => undefined);
    return { value: null, error: describeClusterError(error, clusterSecretValues(cluster)) };
  } finally {
    clearTimeout(timer);
  }
}

async function readLive(cluster: StoredKafkaCluster, groupIds?: string[]): Promise<LiveRead> {
  const { value, error } = await readFromCluster(cluster, (client) => readLagSnapshot(client, groupIds ? { groupIds } : {}));
  return value ? { snapshot: value, error: null } : { snapshot: null, error: error ?? 'unknown error' };
}

/** Lag of a group from stored samples (the same arithmetic as from live offsets). */
function lagFromSamples(groupId: string, samples: readonly PartitionLagSample[]): GroupLag {
  return computeGroupLag({
    groupId,
    partitions: samples.map((s) => ({
      topic: s.topic,
      partition: s.partition,
      logStartOffset: s.logStartOffset,
      logEndOffset: s.logEndOffset,
      committedOffset: s.committedOffset,
    })),
  });
}

function groupByGroupId<T extends { groupId: string }>(rows: readonly T[]): Map<string, T[]> {
  const byGroup = new Map<string, T[]>();
  for (const row of rows) {
    const list = byGroup.get(row.groupId);
    if (list) list.push(row);
    else byGroup.set(row.groupId, [row]);
  }
  return byGroup;
}

function healthFields(health: GroupLagHealth) {
  return {
    status: health.status.status,
    severity: health.status.severity,
    statusReason: health.status.reason,
    timeLagSeconds: health.timeLag.maxSecondsBehind,
    timeLagUnknownPartitionCount: health.timeLag.unknownPartitionCount,
    timeLagEstimated: health.timeLag.isLowerBound,
  };
}

// --- the list -------------------------------------------------------------------------------------

type ListedGroup = GroupListRow & { lag: GroupLag; owner: ReturnType<typeof ownershipFields> };

/**
 * One page of a cluster's consumer groups (filtered by `q`, sorted on the server) with lag, status,
 * time lag and a one-hour sparkline. Offsets of every group come from one snapshot; status and time
 * lag are judged from stored history only for the page, unless the sort is by one of them.
 */
export async function listConsumerGroups(
  actor: Actor,
  clusterId: string,
  query: ConsumerGroupListQuery = consumerGroupListQuerySchema.parse({}),
  now = Date.now(),
): Promise<ConsumerGroupListDto> {
  const cluster = await requireReadableCluster(actor, clusterId);
  const { sort, order } = resolveGroupSort(query);
  const [live, health, ownerOf] = await Promise.all([readLive(cluster), readClusterHealth(cluster.id), loadGroupOwnership(actor, cluster)]);

  const lags: { lag: GroupLag; state: string | null; memberCount: number | null }[] = [];
  let asOf: number | null = null;
  if (live.snapshot) {
    asOf = live.snapshot.takenAt;
    for (const group of live.snapshot.groups) lags.push({ lag: computeGroupLag(group.lagInput), state: group.state, memberCount: group.members.length });
  } else {
    asOf = await findLatestRoundAt(cluster.id);
    if (asOf !== null) {
      const round = await listRoundAt(cluster.id, asOf);
      const samplesByGroup = groupByGroupId(round.samples);
      for (const point of round.points)
        lags.push({ lag: lagFromSamples(point.groupId, samplesByGroup.get(point.groupId) ?? []), state: null, memberCount: null });
    }
  }

  const matching: ListedGroup[] = lags
    .filter(({ lag }) => matchesGroupFilter({ groupId: lag.groupId, topics: lag.topics.map((t) => t.topic) }, query.q))
    .map(({ lag, state, memberCount }) => {
      const owner = ownershipFields(ownerOf, lag.groupId);
      return {
        lag,
        owner,
        groupId: lag.groupId,
        topics: lag.topics.map((t) => t.topic),
        state,
        memberCount,
        totalLag: lag.totalLag,
        maxPartitionLag: lag.maxPartitionLag,
        ownerLabel: ownerLabel(owner.owner),
      };
    });

  // Judge from history only the groups that need it: the page, or every match when sorting by a judgement.
  const judge = async (groups: readonly ListedGroup[]) => {
    const ids = groups.length === lags.length ? undefined : groups.map((g) => g.groupId);
    const [samples, points] = await Promise.all([
      listClusterSamples(cluster.id, { since: now - LIST_HISTORY_MS }, ids),
      listClusterPoints(cluster.id, { since: now - SPARKLINE_MS }, ids),
    ]);
    // getGroupLagHealth reads through a store: give each group one holding its part of the window
    // fetched in one query (a single store would rescan every group's rows for each group).
    const samplesOfGroup = groupByGroupId(samples);
    const healthOf = new Map<string, GroupLagHealth>();
    for (const group of groups) {
      const store = createInMemoryLagSampleStore();
      await store.appendRound(cluster.id, { samples: samplesOfGroup.get(group.groupId) ?? [], points: [] });
      healthOf.set(group.groupId, await getGroupLagHealth(store, cluster.id, group.groupId, now, { timeLagHistoryMs: LIST_HISTORY_MS }));
    }
    return { healthOf, sparklines: toSparklines(points, SPARKLINE_BUCKET_MS) };
  };

  let judged: Awaited<ReturnType<typeof judge>> | null = null;
  if (sortNeedsHealth(sort)) {
    judged = await judge(matching);
    for (const group of matching) {
      const h = judged.healthOf.get(group.groupId)!;
      group.health = { status: h.status.status, timeLagSeconds: h.timeLag.maxSecondsBehind };
    }
  }
  const page = pageOfRows(sortGroupRows(matching, sort, order), query.page, query.pageSize);
  judged ??= await judge(page);
  const { healthOf, sparklines } = judged;

  return {
    clusterId: cluster.id,
    source: live.snapshot ? 'live' : 'history',
    asOf: asOf === null ? null : new Date(asOf).toISOString(),
    liveError: live.error,
    health,
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
    sort,
    order,
    q: query.q || null,
    groups: page.map(({ lag, state, memberCount, owner }): ConsumerGroupSummaryDto => ({
      groupId: lag.groupId,
      state,
      memberCount,
      topics: lag.topics.map((t) => t.topic),
      totalLag: lag.totalLag.toString(),
      maxPartitionLag: lag.maxPartitionLag?.toString() ?? null,
      partitionCount: lag.partitionCount,
      unknownLagPartitionCount: lag.unknownLagPartitionCount,
      aheadPartitionCount: lag.aheadPartitionCount,
      dataLostPartitionCount: lag.dataLostPartitionCount,
      ...healthFields(healthOf.get(lag.groupId)!),
      sparkline: sparklines.get(lag.groupId) ?? [],
      ...owner,
    })),
  };
}

// --- one group ------------------------------------------------------------------------------------

/** One group: state, members, per-partition offsets with status and time lag, totals per topic. */
export async function getConsumerGroupDetail(actor: Actor, clusterId: string, groupId: string, now = Date.now()): Promise<ConsumerGroupDetailDto> {
  const found = await findConsumerGroupDetail(actor, clusterId, groupId, now);
  if (found.detail) return found.detail;
  throw new AppError('NOT_FOUND', `No consumer group ${groupId} on cluster ${found.clusterName}.`, { details: { reachable: found.reachable } });
}

/**
 * One group as getConsumerGroupDetail reads it, or why there is none: the cluster (reachable, or not
 * and with no stored history of the group) does not know it. A missing or unreadable cluster throws.
 */
export async function findConsumerGroupDetail(
  actor: Actor,
  clusterId: string,
  groupId: string,
  now = Date.now(),
): Promise<{ detail: ConsumerGroupDetailDto } | { detail: null; clusterName: string; reachable: boolean }> {
  const cluster = await requireReadableCluster(actor, clusterId);
  const [live, health, groupHealth, ownerOf] = await Promise.all([
    readLive(cluster, [groupId]),
    readClusterHealth(cluster.id),
    getGroupLagHealth(prismaLagSampleStore, cluster.id, groupId, now),
    loadGroupOwnership(actor, cluster),
  ]);
  const liveGroup: GroupSnapshot | undefined = live.snapshot?.groups.find((g) => g.groupId === groupId);

  let lag: GroupLag;
  let asOf: number | null;
  if (liveGroup) {
    lag = computeGroupLag(liveGroup.lagInput);
    asOf = live.snapshot!.takenAt;
  } else {
    asOf = await findLatestRoundAt(cluster.id, groupId);
    // Reachable and not there, or never seen: nothing to show.
    if (asOf === null || live.snapshot) return { detail: null, clusterName: cluster.name, reachable: Boolean(live.snapshot) };
    lag = lagFromSamples(groupId, (await listRoundAt(cluster.id, asOf, groupId)).samples);
  }

  const members = liveGroup?.members ?? [];
  const detail: ConsumerGroupDetailDto = {
    clusterId: cluster.id,
    groupId,
    source: liveGroup ? 'live' : 'history',
    asOf: asOf === null ? null : new Date(asOf).toISOString(),
    liveError: live.error,
    health,
    state: liveGroup?.state ?? 'Unknown',
    members,
    ...healthFields(groupHealth),
    ...pickTotals(toGroupLagDto(lag)),
    partitions: toPartitionRows(lag, groupHealth, members),
    ...ownershipFields(ownerOf, groupId),
  };
  return { detail };
}

function ownershipFields(ownerOf: GroupOwnerOf, groupId: string) {
  const { owner, access } = ownerOf(groupId);
  return { owner, canReset: access.canOperate };
}

/** Who owns a group id on a cluster (it need not exist yet) and whether the actor may reset it. */
export async function getGroupOwnership(actor: Actor, clusterId: string, groupId: string) {
  const cluster = await requireReadableCluster(actor, clusterId);
  return ownershipFields(await loadGroupOwnership(actor, cluster), groupId);
}

function pickTotals(dto: ReturnType<typeof toGroupLagDto>) {
  const { totalLag, maxPartitionLag, unknownLagPartitionCount, aheadPartitionCount, dataLostPartitionCount, lostRecords, topics } = dto;
  return { totalLag, maxPartitionLag, unknownLagPartitionCount, aheadPartitionCount, dataLostPartitionCount, lostRecords, topics };
}

function toPartitionRows(lag: GroupLag, health: GroupLagHealth, members: ConsumerGroupMemberDto[]): GroupPartitionDto[] {
  const statusByKey = new Map(health.status.partitions.map((p) => [partitionKey(p.topic, p.partition), p]));
  const timeLagByKey = new Map(health.timeLag.partitions.map((p) => [partitionKey(p.topic, p.partition), p]));
  const ownerByKey = new Map<string, string>();
  for (const member of members)
    for (const { topic, partitions } of member.assignments) for (const p of partitions) ownerByKey.set(partitionKey(topic, p), member.clientId);
  return toGroupLagDto(lag).partitions.map((p) => {
    const key = partitionKey(p.topic, p.partition);
    const status = statusByKey.get(key);
    return {
      ...p,
      status: status?.status ?? null,
      statusReason: status?.reason ?? null,
      timeLagSeconds: timeLagByKey.get(key)?.secondsBehind ?? null,
      timeLagEstimated: timeLagByKey.get(key)?.isLowerBound ?? false,
      ownerClientId: ownerByKey.get(key) ?? null,
    };
  });
}

// --- history --------------------------------------------------------------------------------------

const HOUR = 60 * MINUTE;

/** A group's total lag and per-partition lag over a time range (default: the last hour), bucketed for charts. */
export async function getConsumerGroupHistory(
  actor: Actor,
  clusterId: string,
  groupId: string,
  query: GroupHistoryQuery,
  now = Date.now(),
): Promise<GroupLagHistoryDto> {
  const cluster = await requireReadableCluster(actor, clusterId);
  const to = query.to ? Date.parse(query.to) : now;
  const from = query.from ? Date.parse(query.from) : to - HOUR;
  const range = { since: from, until: to + 1 };
  const [points, samples] = await Promise.all([
    prismaLagSampleStore.listGroupPoints(cluster.id, groupId, range),
    prismaLagSampleStore.listGroupSamples(cluster.id, groupId, range),
  ]);
  const partitionCount = new Set(samples.map((s) => partitionKey(s.topic, s.partition))).size || 1;
  const bucketMs = chooseChartBucketMs(to - from, Math.max(points.length, Math.ceil(samples.length / partitionCount)));
  return {
    groupId,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    bucketMs,
    total: toGroupHistoryPoints(points, bucketMs),
    partitions: toPartitionHistorySeries(samples, bucketMs),
    partitionDetailRetentionMs: PARTITION_DETAIL_RETENTION_POLICY.at(-1)!.maxAgeMs,
  };
}

/** Topic names and partition counts of a cluster (internal topics left out), for the reset form. */
export async function listClusterTopics(actor: Actor, clusterId: string): Promise<{ topic: string; partitions: number[] }[]> {
  const cluster = await requireReadableCluster(actor, clusterId);
  const { value, error } = await readFromCluster(cluster, async (client) => (await client.admin.fetchTopicMetadata()).topics);
  if (!value) throw new AppError('UNAVAILABLE', `Kafka cluster ${cluster.name} cannot be reached: ${error}`);
  return value
    .filter((t) => !t.name.startsWith('__'))
    .map((t) => ({ topic: t.name, partitions: t.partitions.map((p) => p.partitionId).sort((a, b) => a - b) }))
    .sort((a, b) => (a.topic < b.topic ? -1 : 1));
}
