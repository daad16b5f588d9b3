import 'server-only';

import { CONSUMER_STATUSES, type ConsumerSeverity, type ConsumerStatus } from '@/lib/kafka/dto';
import { kafkaConnectionSecretsSchema, kafkaConnectionSettingsSchema, type KafkaConnectionSecrets, type KafkaConnectionSettings } from '@/lib/schemas/kafka';
import { decryptSecret, encryptSecret } from '@/server/crypto';
import { db, withPrismaErrors } from '@/server/db';
import { AppError } from '@/server/errors';

import type { ClusterHealthRecord, ClusterHealthStore } from './cluster-health';
import type { CompactionPlan } from './history';
import type { GroupLagPoint, PartitionLagSample } from './lag-sample';
import type { GroupState, LagSampleStore, PartitionState, StoredGroupLagPoint, StoredLagSample, TimeRange } from './sample-store';

/**
 * Prisma reads and writes of the Kafka domain: registered clusters (secrets sealed with
 * `kafka-cluster:<id>`), the lag history the sampler stores, and the sampler's verdict on each cluster.
 * Offsets are BigInt columns and `at` a DateTime; the domain speaks bigint and epoch ms.
 */

// --- clusters -------------------------------------------------------------------------------------

/** A registered cluster with its settings parsed; secrets stay sealed until `readClusterSecrets`. */
export interface StoredKafkaCluster {
  id: string;
  name: string;
  kind: 'msk-iam' | 'self-managed';
  settings: KafkaConnectionSettings;
  secretsEncrypted: string | null;
  targetId: string | null;
  teamId: string | null;
  isSandbox: boolean;
  createdAt: Date;
}

type ClusterRow = Omit<StoredKafkaCluster, 'settings' | 'kind'> & { settings: string; kind: string };

function toStoredCluster(row: ClusterRow): StoredKafkaCluster {
  return { ...row, kind: row.kind === 'msk-iam' ? 'msk-iam' : 'self-managed', settings: kafkaConnectionSettingsSchema.parse(JSON.parse(row.settings)) };
}

const secretsContext = (clusterId: string) => `kafka-cluster:${clusterId}`;

/** Clusters of some teams plus the every-team ones (teamIds null = all clusters), sandbox first. */
export async function listClusters({ teamIds }: { teamIds: string[] | null }): Promise<StoredKafkaCluster[]> {
  const rows = await db.kafkaCluster.findMany({
    where: teamIds ? { OR: [{ teamId: null }, { teamId: { in: teamIds } }] } : undefined,
    orderBy: [{ isSandbox: 'desc' }, { name: 'asc' }],
  });
  return rows.map(toStoredCluster);
}

/** One cluster by id, or null. */
export async function findCluster(id: string): Promise<StoredKafkaCluster | null> {
  const row = await db.kafkaCluster.findUnique({ where: { id } });
  return row ? toStoredCluster(row) : null;
}

export interface NewKafkaCluster {
  name: string;
  settings: KafkaConnectionSettings;
  secrets: KafkaConnectionSecrets;
  targetId: string | null;
  teamId: string | null;
}

/** Stores a cluster; secrets (if any) are encrypted bound to the new row's id. A taken name is a CONFLICT. */
export async function insertCluster(input: NewKafkaCluster): Promise<StoredKafkaCluster> {
  const nameTaken = new AppError('CONFLICT', `A Kafka cluster named ${input.name} is already registered.`, { fields: { name: ['is already taken'] } });
  if (await db.kafkaCluster.findUnique({ where: { name: input.name }, select: { id: true } })) throw nameTaken;
  const hasSecrets = Object.values(input.secrets).some(Boolean);
  const insert = db.$transaction(async (tx) => {
    const created = await tx.kafkaCluster.create({
      data: {
        name: input.name,
        kind: input.settings.kind === 'msk-iam' ? 'msk-iam' : 'self-managed',
        settings: JSON.stringify(input.settings),
        targetId: input.targetId,
        teamId: input.teamId,
      },
    });
    if (!hasSecrets) return created;
    // The id is the encryption context, so the sealed value is written once the id exists.
    return tx.kafkaCluster.update({
      where: { id: created.id },
      data: { secretsEncrypted: encryptSecret(JSON.stringify(input.secrets), secretsContext(created.id)) },
    });
  });
  return toStoredCluster(await withPrismaErrors(insert, { conflict: nameTaken }));
}

/** The cluster's decrypted secrets ({} when it has none). */
export function readClusterSecrets(cluster: Pick<StoredKafkaCluster, 'id' | 'secretsEncrypted'>): KafkaConnectionSecrets {
  if (!cluster.secretsEncrypted) return {};
  return kafkaConnectionSecretsSchema.parse(JSON.parse(decryptSecret(cluster.secretsEncrypted, secretsContext(cluster.id))));
}

/** Deletes a cluster and all its lag history. */
export async function deleteClusterWithHistory(id: string): Promise<void> {
  const remove = db.$transaction([
    db.kafkaLagSample.deleteMany({ where: { clusterId: id } }),
    db.kafkaGroupLagPoint.deleteMany({ where: { clusterId: id } }),
    db.kafkaGroupState.deleteMany({ where: { clusterId: id } }),
    db.kafkaGroupWindow.deleteMany({ where: { clusterId: id } }),
    db.kafkaClusterHealth.deleteMany({ where: { clusterId: id } }),
    db.kafkaGroupPrefix.deleteMany({ where: { clusterId: id } }),
    db.kafkaCluster.delete({ where: { id } }),
  ]);
  await withPrismaErrors(remove, { notFound: 'No such Kafka cluster.' });
}

export const SANDBOX_CLUSTER_NAME = 'sandbox';

/** Registers (or re-points) the built-in sandbox cluster: PLAINTEXT to the given brokers, visible to every team. */
export async function upsertSandboxCluster(brokers: string[]): Promise<StoredKafkaCluster> {
  const settings = JSON.stringify({ kind: 'plaintext', brokers } satisfies KafkaConnectionSettings);
  const row = await db.kafkaCluster.upsert({
    where: { name: SANDBOX_CLUSTER_NAME },
    update: { settings, isSandbox: true, teamId: null },
    create: { name: SANDBOX_CLUSTER_NAME, kind: 'self-managed', settings, isSandbox: true, teamId: null },
  });
  return toStoredCluster(row);
}

/** Team and target names for cluster DTOs. */
export async function findClusterOwnerNames(teamIds: string[], targetIds: string[]): Promise<{ teams: Map<string, string>; targets: Map<string, string> }> {
  const [teams, targets] = await Promise.all([
    teamIds.length ? db.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } }) : [],
    targetIds.length ? db.awsTarget.findMany({ where: { id: { in: targetIds } }, select: { id: true, name: true } }) : [],
  ]);
  return { teams: new Map(teams.map((t) => [t.id, t.name])), targets: new Map(targets.map((t) => [t.id, t.name])) };
}

// --- lag history ----------------------------------------------------------------------------------

type SampleRow = {
  id: string;
  groupId: string;
  topic: string;
  partition: number;
  at: Date;
  logStartOffset: bigint;
  logEndOffset: bigint;
  committedOffset: bigint | null;
  lag: bigint | null;
  maxLag: bigint | null;
  resolutionMs: number;
  hasActiveOwner: boolean | null;
};

function toSample(row: SampleRow): StoredLagSample {
  return {
    id: row.id,
    at: row.at.getTime(),
    groupId: row.groupId,
    topic: row.topic,
    partition: row.partition,
    logStartOffset: row.logStartOffset,
    logEndOffset: row.logEndOffset,
    committedOffset: row.committedOffset,
    lag: row.lag,
    maxLag: row.maxLag,
    resolutionMs: row.resolutionMs,
    ...(row.hasActiveOwner === null ? {} : { hasActiveOwner: row.hasActiveOwner }),
  };
}

const sampleData = (clusterId: string, s: PartitionLagSample) => ({
  clusterId,
  groupId: s.groupId,
  topic: s.topic,
  partition: s.partition,
  at: new Date(s.at),
  logStartOffset: s.logStartOffset,
  logEndOffset: s.logEndOffset,
  committedOffset: s.committedOffset,
  lag: s.lag,
  maxLag: s.maxLag,
  resolutionMs: s.resolutionMs,
  hasActiveOwner: s.hasActiveOwner ?? null,
});

type PointRow = {
  id: string;
  groupId: string;
  at: Date;
  totalLag: bigint;
  peakTotalLag: bigint;
  maxPartitionLag: bigint | null;
  partitionCount: number;
  unknownLagPartitionCount: number;
  dataLostPartitionCount: number;
  resolutionMs: number;
  timeLagSeconds: number | null;
  status: string | null;
};

const toStatus = (value: string | null): ConsumerStatus | null =>
  (CONSUMER_STATUSES as readonly string[]).includes(value ?? '') ? (value as ConsumerStatus) : null;

function toPoint(row: PointRow): StoredGroupLagPoint {
  return {
    id: row.id,
    at: row.at.getTime(),
    groupId: row.groupId,
    totalLag: row.totalLag,
    peakTotalLag: row.peakTotalLag,
    maxPartitionLag: row.maxPartitionLag,
    partitionCount: row.partitionCount,
    unknownLagPartitionCount: row.unknownLagPartitionCount,
    dataLostPartitionCount: row.dataLostPartitionCount,
    resolutionMs: row.resolutionMs,
    // Absent rather than null when not stored, as the domain's points leave them out.
    ...(row.timeLagSeconds === null ? {} : { timeLagSeconds: row.timeLagSeconds }),
    ...(toStatus(row.status) === null ? {} : { status: toStatus(row.status) }),
  };
}

const pointData = (clusterId: string, p: GroupLagPoint) => ({
  clusterId,
  groupId: p.groupId,
  at: new Date(p.at),
  totalLag: p.totalLag,
  peakTotalLag: p.peakTotalLag,
  maxPartitionLag: p.maxPartitionLag,
  partitionCount: p.partitionCount,
  unknownLagPartitionCount: p.unknownLagPartitionCount,
  dataLostPartitionCount: p.dataLostPartitionCount,
  resolutionMs: p.resolutionMs,
  timeLagSeconds: p.timeLagSeconds ?? null,
  status: p.status ?? null,
});

const atRange = ({ since, until }: TimeRange) => ({ gte: new Date(since), ...(until === undefined ? {} : { lt: new Date(until) }) });

// Keeps `IN (...)` lists well under SQLite's bound-parameter limit.
const ID_CHUNK = 500;
function chunk<T>(items: readonly T[], size = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// A state row's partitions as compact JSON: offsets as decimal strings.
type PartitionStateJson = [string, number, string, string, string | null, string | null, string | null, number | null, 0 | 1];

function encodePartitions(partitions: readonly PartitionState[]): string {
  return JSON.stringify(
    partitions.map((p): PartitionStateJson => [
      p.topic,
      p.partition,
      p.logStartOffset.toString(),
      p.logEndOffset.toString(),
      p.committedOffset?.toString() ?? null,
      p.status,
      p.statusReason,
      p.timeLagSeconds,
      p.timeLagEstimated ? 1 : 0,
    ]),
  );
}

function decodePartitions(text: string): PartitionState[] {
  return (JSON.parse(text) as PartitionStateJson[]).map(([topic, partition, start, end, committed, status, statusReason, timeLagSeconds, estimated]) => ({
    topic,
    partition,
    logStartOffset: BigInt(start),
    logEndOffset: BigInt(end),
    committedOffset: committed === null ? null : BigInt(committed),
    status: toStatus(status),
    statusReason,
    timeLagSeconds,
    timeLagEstimated: estimated === 1,
  }));
}

const stateData = (clusterId: string, s: GroupState) => ({
  clusterId,
  groupId: s.groupId,
  sampledAt: new Date(s.sampledAt),
  status: s.status,
  severity: s.severity,
  statusReason: s.statusReason,
  timeLagSeconds: s.timeLagSeconds,
  timeLagUnknownPartitionCount: s.timeLagUnknownPartitionCount,
  timeLagEstimated: s.timeLagEstimated,
  totalLag: s.totalLag,
  maxPartitionLag: s.maxPartitionLag,
  partitionCount: s.partitionCount,
  unknownLagPartitionCount: s.unknownLagPartitionCount,
  aheadPartitionCount: s.aheadPartitionCount,
  dataLostPartitionCount: s.dataLostPartitionCount,
  topics: JSON.stringify(s.topics),
  state: s.state,
  memberCount: s.memberCount,
  partitions: encodePartitions(s.partitions),
});

// Every column but the partitions, which only the group page and the history fallback read.
const STATE_SUMMARY = {
  groupId: true,
  sampledAt: true,
  status: true,
  severity: true,
  statusReason: true,
  timeLagSeconds: true,
  timeLagUnknownPartitionCount: true,
  timeLagEstimated: true,
  totalLag: true,
  maxPartitionLag: true,
  partitionCount: true,
  unknownLagPartitionCount: true,
  aheadPartitionCount: true,
  dataLostPartitionCount: true,
  topics: true,
  state: true,
  memberCount: true,
} as const;

type StateRow = Omit<ReturnType<typeof stateData>, 'clusterId' | 'partitions' | 'status' | 'severity'> & {
  status: string;
  severity: string;
  partitions?: string;
};

function toGroupState(row: StateRow): GroupState {
  return {
    ...row,
    sampledAt: row.sampledAt.getTime(),
    status: toStatus(row.status) ?? 'UNKNOWN',
    severity: row.severity as ConsumerSeverity,
    topics: JSON.parse(row.topics) as string[],
    partitions: row.partitions ? decodePartitions(row.partitions) : [],
  };
}

/** The LagSampleStore the sampler and pages use, on the portal's database. */
export const prismaLagSampleStore: LagSampleStore = {
  async appendRound(clusterId, { states, points, samples, windows }) {
    const groupIds = states.map((s) => s.groupId);
    const windowRows = [...(windows ?? [])].map(([groupId, window]) => ({ clusterId, groupId, window, savedAt: new Date() }));
    // Delete and insert rather than upsert: a few statements per round instead of one per group.
    await db.$transaction([
      ...chunk(groupIds).map((ids) => db.kafkaGroupState.deleteMany({ where: { clusterId, groupId: { in: ids } } })),
      ...chunk(states, 200).map((part) => db.kafkaGroupState.createMany({ data: part.map((s) => stateData(clusterId, s)) })),
      ...chunk(windowRows.map((w) => w.groupId)).map((ids) => db.kafkaGroupWindow.deleteMany({ where: { clusterId, groupId: { in: ids } } })),
      ...chunk(windowRows, 200).map((part) => db.kafkaGroupWindow.createMany({ data: part })),
      ...chunk(points, 1000).map((part) => db.kafkaGroupLagPoint.createMany({ data: part.map((p) => pointData(clusterId, p)) })),
      ...chunk(samples, 1000).map((part) => db.kafkaLagSample.createMany({ data: part.map((s) => sampleData(clusterId, s)) })),
    ]);
  },
  async listGroupStates(clusterId, query = {}) {
    const where = { clusterId, ...(query.sampledAt === undefined ? {} : { sampledAt: new Date(query.sampledAt) }) };
    const select = query.withPartitions ? { ...STATE_SUMMARY, partitions: true } : STATE_SUMMARY;
    const read = (ids?: string[]) =>
      db.kafkaGroupState.findMany({ where: { ...where, ...(ids ? { groupId: { in: ids } } : {}) }, select, orderBy: { groupId: 'asc' } });
    const rows = query.groupIds ? (await Promise.all(chunk(query.groupIds).map(read))).flat() : await read();
    return rows.map(toGroupState).sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  },
  async findLatestSampledAt(clusterId, groupId) {
    const row = await db.kafkaGroupState.findFirst({
      where: { clusterId, ...(groupId ? { groupId } : {}) },
      orderBy: { sampledAt: 'desc' },
      select: { sampledAt: true },
    });
    return row?.sampledAt.getTime() ?? null;
  },
  async loadGroupWindows(clusterId) {
    const rows = await db.kafkaGroupWindow.findMany({ where: { clusterId }, select: { groupId: true, window: true } });
    return new Map(rows.map((r) => [r.groupId, r.window]));
  },
  async expireGroupStates(clusterId, seenBefore) {
    const where = { clusterId, sampledAt: { lt: new Date(seenBefore) } };
    const expired = (await db.kafkaGroupState.findMany({ where, select: { groupId: true }, orderBy: { groupId: 'asc' } })).map((r) => r.groupId);
    if (expired.length === 0) return [];
    await db.$transaction([
      db.kafkaGroupState.deleteMany({ where }),
      ...chunk(expired).map((ids) => db.kafkaGroupWindow.deleteMany({ where: { clusterId, groupId: { in: ids } } })),
    ]);
    return expired;
  },
  async listGroupSamples(clusterId, groupId, range) {
    const rows = await db.kafkaLagSample.findMany({ where: { clusterId, groupId, at: atRange(range) }, orderBy: { at: 'asc' } });
    return rows.map(toSample);
  },
  async listGroupPoints(clusterId, groupId, range) {
    const rows = await db.kafkaGroupLagPoint.findMany({ where: { clusterId, groupId, at: atRange(range) }, orderBy: { at: 'asc' } });
    return rows.map(toPoint);
  },
  async listGroupIds(clusterId) {
    const [samples, points] = await Promise.all([
      db.kafkaLagSample.findMany({ where: { clusterId }, distinct: ['groupId'], select: { groupId: true } }),
      db.kafkaGroupLagPoint.findMany({ where: { clusterId }, distinct: ['groupId'], select: { groupId: true } }),
    ]);
    return [...new Set([...samples, ...points].map((r) => r.groupId))].sort();
  },
  async applySampleCompaction(clusterId, plan: CompactionPlan<StoredLagSample, PartitionLagSample>) {
    await db.$transaction([
      ...chunk(plan.remove.map((r) => r.id)).map((ids) => db.kafkaLagSample.deleteMany({ where: { clusterId, id: { in: ids } } })),
      db.kafkaLagSample.createMany({ data: plan.insert.map((s) => sampleData(clusterId, s)) }),
    ]);
  },
  async applyPointCompaction(clusterId, plan: CompactionPlan<StoredGroupLagPoint, GroupLagPoint>) {
    await db.$transaction([
      ...chunk(plan.remove.map((r) => r.id)).map((ids) => db.kafkaGroupLagPoint.deleteMany({ where: { clusterId, id: { in: ids } } })),
      db.kafkaGroupLagPoint.createMany({ data: plan.insert.map((p) => pointData(clusterId, p)) }),
    ]);
  },
};

/** Every group's (or only `groupIds`') points in a range, oldest first (sparklines). */
export async function listClusterPoints(clusterId: string, range: TimeRange, groupIds?: readonly string[]): Promise<StoredGroupLagPoint[]> {
  const read = (ids?: string[]) =>
    db.kafkaGroupLagPoint.findMany({ where: { clusterId, at: atRange(range), ...(ids ? { groupId: { in: ids } } : {}) }, orderBy: { at: 'asc' } });
  const rows = groupIds ? (await Promise.all(chunk(groupIds).map(read))).flat().sort((a, b) => a.at.getTime() - b.at.getTime()) : await read();
  return rows.map(toPoint);
}

/** Time of the newest stored round of a cluster (or of one group), epoch ms; null when none. */
export async function findLatestRoundAt(clusterId: string, groupId?: string): Promise<number | null> {
  return prismaLagSampleStore.findLatestSampledAt(clusterId, groupId);
}

// --- cluster health -------------------------------------------------------------------------------

/** Cluster reachability as the sampler last saw it, one row per cluster (written on changes only). */
export const prismaClusterHealthStore: ClusterHealthStore = {
  async read(clusterIds) {
    const rows = await db.kafkaClusterHealth.findMany({ where: { clusterId: { in: clusterIds } } });
    const out = new Map<string, ClusterHealthRecord>();
    for (const r of rows) {
      const state = r.state === 'unreachable' ? 'unreachable' : 'reachable';
      out.set(r.clusterId, { state, since: r.since.getTime(), lastError: state === 'unreachable' ? r.lastError : null });
    }
    return out;
  },
  async write(cluster, record) {
    const data = { state: record.state, since: new Date(record.since), lastError: record.lastError, checkedAt: new Date() };
    await db.kafkaClusterHealth.upsert({ where: { clusterId: cluster.id }, update: data, create: { clusterId: cluster.id, ...data } });
  },
};
