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
import { toLagSamples, type PartitionLagSample } from './lag-sample';
import { partitionKey } from './offset';
import { findLatestRoundAt, listClusterPoints, prismaLagSampleStore, type StoredKafkaCluster } from './queries';
import type { GroupState, PartitionState } from './sample-store';

/**
 * What the Kafka pages show about consumer groups: live offsets from the cluster (one batched snapshot
 * through the memoised admin), status and time lag as the worker judged them in its latest round (one
 * stored row per group: nothing is judged per request). When the cluster cannot be reached, the newest
 * stored round stands in and the DTO says so.
 */

const MINUTE = 60_000;
/** A judgement older than this (the worker stopped, or lost the cluster) is not shown: UNKNOWN. */
const JUDGEMENT_MAX_AGE_MS = 15 * MINUTE;
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

/** Lag of a group from its stored state (the same arithmetic as from live offsets). */
function lagFromState(state: Pick<GroupState, 'groupId' | 'partitions'>): GroupLag {
  return computeGroupLag({ groupId: state.groupId, partitions: state.partitions });
}

/** The worker's judgement when it is recent enough to show, else null. */
function currentJudgement(state: GroupState | undefined, now: number): GroupState | null {
  return state && now - state.sampledAt <= JUDGEMENT_MAX_AGE_MS ? state : null;
}

function healthFields(lag: GroupLag, state: GroupState | null) {
  if (!state) {
    // Not judged yet (a new group, or no recent round): unknown, with every partition that may be behind counted.
    const mayBeBehind = lag.partitions.filter((p) => !(p.committedOffset === null && p.logEndOffset === p.logStartOffset)).length;
    return {
      status: 'UNKNOWN' as const,
      severity: 'unknown' as const,
      statusReason: `group ${lag.groupId} has no recent samples yet`,
      timeLagSeconds: null,
      timeLagUnknownPartitionCount: mayBeBehind,
      timeLagEstimated: false,
    };
  }
  return {
    status: state.status,
    severity: state.severity,
    statusReason: state.statusReason,
    timeLagSeconds: state.timeLagSeconds,
    timeLagUnknownPartitionCount: state.timeLagUnknownPartitionCount,
    timeLagEstimated: state.timeLagEstimated,
  };
}

// --- the list -------------------------------------------------------------------------------------

type ListedGroup = GroupListRow & { lag: GroupLag; owner: ReturnType<typeof ownershipFields> };

/**
 * One page of a cluster's consumer groups (filtered by `q`, sorted on the server) with lag, status,
 * time lag and a one-hour sparkline. Offsets of every group come from one snapshot; status and time
 * lag are the worker's, read for the page only, unless the sort is by one of them.
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
      // The groups the newest round saw: deleted ones are gone from it at once.
      for (const state of await prismaLagSampleStore.listGroupStates(cluster.id, { sampledAt: asOf, withPartitions: true }))
        lags.push({ lag: lagFromState(state), state: null, memberCount: null });
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

  // The worker's judgements: of every match when sorting by one, else of the page only.
  const readJudgements = async (groups: readonly ListedGroup[]) => {
    const ids = groups.length === lags.length ? undefined : groups.map((g) => g.groupId);
    const states = await prismaLagSampleStore.listGroupStates(cluster.id, ids ? { groupIds: ids } : {});
    return new Map(states.map((state) => [state.groupId, state]));
  };

  let judgements: Map<string, GroupState> | null = null;
  if (sortNeedsHealth(sort)) {
    judgements = await readJudgements(matching);
    for (const group of matching) {
      const state = currentJudgement(judgements.get(group.groupId), now);
      group.health = { status: state?.status ?? 'UNKNOWN', timeLagSeconds: state?.timeLagSeconds ?? null };
    }
  }
  const page = pageOfRows(sortGroupRows(matching, sort, order), query.page, query.pageSize);
  const pageIds = page.map((g) => g.groupId);
  const [stateOf, points] = await Promise.all([
    judgements ?? readJudgements(page),
    pageIds.length ? listClusterPoints(cluster.id, { since: now - SPARKLINE_MS }, pageIds) : [],
  ]);
  const sparklines = toSparklines(points, SPARKLINE_BUCKET_MS);

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
      ...healthFields(lag, currentJudgement(stateOf.get(lag.groupId), now)),
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
  const [live, health, [stored], ownerOf] = await Promise.all([
    readLive(cluster, [groupId]),
    readClusterHealth(cluster.id),
    prismaLagSampleStore.listGroupStates(cluster.id, { groupIds: [groupId], withPartitions: true }),
    loadGroupOwnership(actor, cluster),
  ]);
  const liveGroup: GroupSnapshot | undefined = live.snapshot?.groups.find((g) => g.groupId === groupId);

  let lag: GroupLag;
  let asOf: number | null;
  if (liveGroup) {
    lag = computeGroupLag(liveGroup.lagInput);
    asOf = live.snapshot!.takenAt;
  } else {
    // Reachable and not there, or never seen: nothing to show.
    if (!stored || live.snapshot) return { detail: null, clusterName: cluster.name, reachable: Boolean(live.snapshot) };
    asOf = stored.sampledAt;
    lag = lagFromState(stored);
  }
  const judgement = currentJudgement(stored, liveGroup ? now : (asOf ?? now));

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
    ...healthFields(lag, judgement),
    ...pickTotals(toGroupLagDto(lag)),
    partitions: toPartitionRows(lag, judgement, members),
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

function toPartitionRows(lag: GroupLag, judgement: GroupState | null, members: ConsumerGroupMemberDto[]): GroupPartitionDto[] {
  const judged = new Map<string, PartitionState>((judgement?.partitions ?? []).map((p) => [partitionKey(p.topic, p.partition), p]));
  const ownerByKey = new Map<string, string>();
  for (const member of members)
    for (const { topic, partitions } of member.assignments) for (const p of partitions) ownerByKey.set(partitionKey(topic, p), member.clientId);
  return toGroupLagDto(lag).partitions.map((p) => {
    const key = partitionKey(p.topic, p.partition);
    const partition = judged.get(key);
    return {
      ...p,
      status: partition?.status ?? null,
      statusReason: partition?.statusReason ?? null,
      timeLagSeconds: partition?.timeLagSeconds ?? null,
      timeLagEstimated: partition?.timeLagEstimated ?? false,
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
  const [points, stored, [latest]] = await Promise.all([
    prismaLagSampleStore.listGroupPoints(cluster.id, groupId, range),
    prismaLagSampleStore.listGroupSamples(cluster.id, groupId, range),
    prismaLagSampleStore.listGroupStates(cluster.id, { groupIds: [groupId], withPartitions: true }),
  ]);
  const samples = withLatestRound(stored, latest, range);
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

/**
 * Per-partition samples are stored once per 5 minutes; the series end at the worker's latest round
 * (its stored state), so a partition's chart is current, and a new group's shows from its second round.
 */
function withLatestRound(
  samples: readonly PartitionLagSample[],
  latest: GroupState | undefined,
  range: { since: number; until: number },
): PartitionLagSample[] {
  if (!latest || latest.sampledAt < range.since || latest.sampledAt >= range.until) return [...samples];
  const newest = new Map<string, number>();
  for (const s of samples) newest.set(partitionKey(s.topic, s.partition), Math.max(s.at, newest.get(partitionKey(s.topic, s.partition)) ?? -Infinity));
  const current = lagFromState(latest).partitions.filter((p) => (newest.get(partitionKey(p.topic, p.partition)) ?? -Infinity) < latest.sampledAt);
  return [...samples, ...toLagSamples({ groupId: latest.groupId, partitions: current }, latest.sampledAt)];
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
