import 'server-only';

import type {
  ConsumerGroupDetailDto,
  ConsumerGroupListDto,
  ConsumerGroupMemberDto,
  ConsumerGroupSummaryDto,
  GroupLagHistoryDto,
  GroupPartitionDto,
  LagSource,
} from '@/lib/kafka/dto';
import { consumerGroupListQuerySchema, type ConsumerGroupListQuery, type GroupHistoryQuery } from '@/lib/schemas/kafka';
import { ownerLabel } from '@/lib/tenancy/dto';
import type { Actor } from '@/server/auth/actor';
import { env } from '@/server/env';
import { AppError } from '@/server/errors';

import { listConsumerGroupIds, readLagSnapshot, withClusterAdmin, type ClusterAdmin, type GroupSnapshot, type LagSnapshot } from './admin';
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
/** The group list's cheap check of which groups exist waits this long, then does without. */
const GROUP_IDS_TIMEOUT_MS = 3_000;

type LiveRead = { snapshot: LagSnapshot; error: null } | { snapshot: null; error: string };

/** Runs a read against the cluster's shared admin with a deadline; failures become a message. */
async function readFromCluster<T>(
  cluster: StoredKafkaCluster,
  fn: (client: ClusterAdmin) => Promise<T>,
  timeoutMs = LIVE_READ_TIMEOUT_MS,
): Promise<{ value: T; error: null } | { value: null; error: string }> {
  let timer: NodeJS.Timeout | undefined;
  const read = withClusterAdmin(cluster.id, clusterConfigBuilder(cluster, 'web'), fn, { retryOnConnectionError: true });
  try {
    const value = await Promise.race([
      read,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the cluster did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
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
  return state ? judgementFields(state) : unjudgedFields(lag.groupId, lag);
}

/** Not judged yet (a new group, or no recent round): unknown, with every partition that may be behind counted. */
function unjudgedFields(groupId: string, lag: GroupLag | null) {
  const mayBeBehind = (lag?.partitions ?? []).filter((p) => !(p.committedOffset === null && p.logEndOffset === p.logStartOffset)).length;
  return {
    status: 'UNKNOWN' as const,
    severity: 'unknown' as const,
    statusReason: `group ${groupId} has no recent samples yet`,
    timeLagSeconds: null,
    timeLagUnknownPartitionCount: mayBeBehind,
    timeLagEstimated: false,
  };
}

function judgementFields(state: GroupState) {
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

/** A listed group before paging: totals, and the worker's judgement once read (undefined until then). */
type ListedGroup = GroupListRow & {
  partitionCount: number;
  unknownLagPartitionCount: number;
  aheadPartitionCount: number;
  dataLostPartitionCount: number;
  /** The offsets, for a group read live (an unjudged group's "may be behind" count comes from them). */
  lag: GroupLag | null;
  judgement?: GroupState | null;
  owner: ReturnType<typeof ownershipFields>;
};

/**
 * The worker's latest round of a cluster stands for the cluster while it is this recent: a round per
 * interval, plus one that waited out a slow read.
 */
function freshRoundMaxAgeMs(): number {
  const interval = env().KAFKA_LAG_SAMPLE_INTERVAL_MS;
  return Math.max(3 * interval, interval + 30_000);
}

type LagCounts = Pick<
  GroupLag,
  'totalLag' | 'maxPartitionLag' | 'partitionCount' | 'unknownLagPartitionCount' | 'aheadPartitionCount' | 'dataLostPartitionCount'
>;

/** The totals a list row shows, from live offsets or a stored state alike. */
function lagCounts(from: LagCounts): LagCounts {
  const { totalLag, maxPartitionLag, partitionCount, unknownLagPartitionCount, aheadPartitionCount, dataLostPartitionCount } = from;
  return { totalLag, maxPartitionLag, partitionCount, unknownLagPartitionCount, aheadPartitionCount, dataLostPartitionCount };
}

/** A group as a stored round saw it; `judgement` is the verdict still worth showing (null: too old). */
function listedFromState(state: GroupState, owner: ListedGroup['owner'], judgement: GroupState | null): ListedGroup {
  return {
    groupId: state.groupId,
    topics: state.topics,
    state: state.state,
    memberCount: state.memberCount,
    ...lagCounts(state),
    ownerLabel: ownerLabel(owner.owner),
    lag: null,
    judgement,
    owner,
  };
}

function listedFromSnapshot(group: GroupSnapshot, owner: ListedGroup['owner']): ListedGroup {
  const lag = computeGroupLag(group.lagInput);
  return {
    groupId: lag.groupId,
    topics: lag.topics.map((t) => t.topic),
    state: group.state,
    memberCount: group.members.length,
    ...lagCounts(lag),
    ownerLabel: ownerLabel(owner.owner),
    lag,
    owner,
  };
}

/**
 * The groups of the worker's round at `roundAt`, kept in step with the cluster by one cheap ListGroups
 * call: a group deleted since the round is left out, and one created since is read live (only those),
 * so the list never waits a sampling interval to show or drop a group. Without an answer in time the
 * round alone stands.
 */
async function roundWithLiveMembership(
  cluster: StoredKafkaCluster,
  roundAt: number,
  askCluster: boolean,
  ownerOf: (groupId: string) => ListedGroup['owner'],
  matches: (row: Pick<GroupListRow, 'groupId' | 'topics'>) => boolean,
): Promise<ListedGroup[]> {
  const [states, liveIds] = await Promise.all([
    prismaLagSampleStore.listGroupStates(cluster.id, { sampledAt: roundAt }),
    askCluster ? readFromCluster(cluster, (client) => listConsumerGroupIds(client.admin), GROUP_IDS_TIMEOUT_MS) : null,
  ]);
  const rows = states.map((state) => listedFromState(state, ownerOf(state.groupId), state));
  if (!liveIds?.value) return rows.filter(matches);
  const existing = new Set(liveIds.value);
  const known = new Set(states.map((s) => s.groupId));
  const created = liveIds.value.filter((id) => !known.has(id));
  const live = created.length > 0 ? await readLive(cluster, created) : null;
  return [
    ...rows.filter((row) => existing.has(row.groupId)),
    ...(live?.snapshot?.groups ?? []).map((group) => listedFromSnapshot(group, ownerOf(group.groupId))),
  ].filter(matches);
}

/**
 * One page of a cluster's consumer groups (filtered by `q`, sorted on the server) with lag, status,
 * time lag and a one-hour sparkline. While the worker samples the cluster, its latest round answers
 * (one stored row per group and a ListGroups call: fast at thousands of groups); otherwise the cluster
 * is read live, and when that fails too the newest stored round stands in.
 */
export async function listConsumerGroups(
  actor: Actor,
  clusterId: string,
  query: ConsumerGroupListQuery = consumerGroupListQuerySchema.parse({}),
  now = Date.now(),
): Promise<ConsumerGroupListDto> {
  const cluster = await requireReadableCluster(actor, clusterId);
  const { sort, order } = resolveGroupSort(query);
  const [latestAt, health, ownerOf] = await Promise.all([findLatestRoundAt(cluster.id), readClusterHealth(cluster.id), loadGroupOwnership(actor, cluster)]);
  const matches = (row: Pick<GroupListRow, 'groupId' | 'topics'>) => matchesGroupFilter(row, query.q);

  let source: LagSource;
  let asOf: number | null = latestAt;
  let liveError: string | null = null;
  let matching: ListedGroup[] = [];
  if (latestAt !== null && now - latestAt <= freshRoundMaxAgeMs()) {
    source = 'worker';
    matching = await roundWithLiveMembership(cluster, latestAt, health.state !== 'unreachable', (groupId) => ownershipFields(ownerOf, groupId), matches);
  } else {
    const live = await readLive(cluster);
    if (live.snapshot) {
      source = 'live';
      asOf = live.snapshot.takenAt;
      matching = live.snapshot.groups.map((group) => listedFromSnapshot(group, ownershipFields(ownerOf, group.groupId))).filter(matches);
    } else {
      // The groups the newest round saw: deleted ones are gone from it at once.
      source = 'history';
      liveError = live.error;
      if (latestAt !== null)
        matching = (await prismaLagSampleStore.listGroupStates(cluster.id, { sampledAt: latestAt }))
          .map((state) => listedFromState(state, ownershipFields(ownerOf, state.groupId), currentJudgement(state, now)))
          .filter(matches);
    }
  }

  // Live rows take the worker's judgements: of every match when sorting by one, else of the page only.
  const judge = async (groups: readonly ListedGroup[]) => {
    const unjudged = groups.filter((g) => g.judgement === undefined);
    if (unjudged.length === 0) return;
    const states = await prismaLagSampleStore.listGroupStates(
      cluster.id,
      unjudged.length === matching.length ? {} : { groupIds: unjudged.map((g) => g.groupId) },
    );
    const byId = new Map(states.map((state) => [state.groupId, state]));
    for (const group of unjudged) group.judgement = currentJudgement(byId.get(group.groupId), now);
  };
  if (sortNeedsHealth(sort)) {
    await judge(matching);
    for (const group of matching) group.health = { status: group.judgement?.status ?? 'UNKNOWN', timeLagSeconds: group.judgement?.timeLagSeconds ?? null };
  }
  const page = pageOfRows(sortGroupRows(matching, sort, order), query.page, query.pageSize);
  const pageIds = page.map((g) => g.groupId);
  const [, points] = await Promise.all([judge(page), pageIds.length ? listClusterPoints(cluster.id, { since: now - SPARKLINE_MS }, pageIds) : []]);
  const sparklines = toSparklines(points, SPARKLINE_BUCKET_MS);

  return {
    clusterId: cluster.id,
    source,
    asOf: asOf === null ? null : new Date(asOf).toISOString(),
    liveError,
    health,
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
    sort,
    order,
    q: query.q || null,
    groups: page.map((g): ConsumerGroupSummaryDto => ({
      groupId: g.groupId,
      state: g.state,
      memberCount: g.memberCount,
      topics: g.topics,
      totalLag: g.totalLag.toString(),
      maxPartitionLag: g.maxPartitionLag?.toString() ?? null,
      partitionCount: g.partitionCount,
      unknownLagPartitionCount: g.unknownLagPartitionCount,
      aheadPartitionCount: g.aheadPartitionCount,
      dataLostPartitionCount: g.dataLostPartitionCount,
      ...(g.judgement ? judgementFields(g.judgement) : unjudgedFields(g.groupId, g.lag)),
      sparkline: sparklines.get(g.groupId) ?? [],
      ...g.owner,
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
