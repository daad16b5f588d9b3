import 'server-only';

import { kafkaConnectionSecretsSchema, kafkaConnectionSettingsSchema, type KafkaConnectionSecrets, type KafkaConnectionSettings } from '@/lib/schemas/kafka';
import { decryptSecret, encryptSecret } from '@/server/crypto';
import { db, withPrismaErrors } from '@/server/db';
import { AppError } from '@/server/errors';

import type { ClusterHealthRecord, ClusterHealthStore } from './cluster-health';
import type { CompactionPlan } from './history';
import type { GroupLagPoint, PartitionLagSample } from './lag-sample';
import type { LagSampleStore, StoredGroupLagPoint, StoredLagSample, TimeRange } from './sample-store';

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
};

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
});

const atRange = ({ since, until }: TimeRange) => ({ gte: new Date(since), ...(until === undefined ? {} : { lt: new Date(until) }) });

// Keeps `IN (...)` lists well under SQLite's bound-parameter limit.
const ID_CHUNK = 500;
function chunk<T>(items: readonly T[], size = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The LagSampleStore the sampler and pages use, on the portal's database. */
export const prismaLagSampleStore: LagSampleStore = {
  async appendRound(clusterId, { samples, points }) {
    await db.$transaction([
      db.kafkaLagSample.createMany({ data: samples.map((s) => sampleData(clusterId, s)) }),
      db.kafkaGroupLagPoint.createMany({ data: points.map((p) => pointData(clusterId, p)) }),
    ]);
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

/** Every group's (or only `groupIds`') partition samples in a range, oldest first (one query for a page of a cluster's list). */
export async function listClusterSamples(clusterId: string, range: TimeRange, groupIds?: readonly string[]): Promise<StoredLagSample[]> {
  const read = (ids?: string[]) =>
    db.kafkaLagSample.findMany({ where: { clusterId, at: atRange(range), ...(ids ? { groupId: { in: ids } } : {}) }, orderBy: { at: 'asc' } });
  const rows = groupIds ? (await Promise.all(chunk(groupIds).map(read))).flat().sort((a, b) => a.at.getTime() - b.at.getTime()) : await read();
  return rows.map(toSample);
}

/** Every group's (or only `groupIds`') points in a range, oldest first (sparklines). */
export async function listClusterPoints(clusterId: string, range: TimeRange, groupIds?: readonly string[]): Promise<StoredGroupLagPoint[]> {
  const read = (ids?: string[]) =>
    db.kafkaGroupLagPoint.findMany({ where: { clusterId, at: atRange(range), ...(ids ? { groupId: { in: ids } } : {}) }, orderBy: { at: 'asc' } });
  const rows = groupIds ? (await Promise.all(chunk(groupIds).map(read))).flat().sort((a, b) => a.at.getTime() - b.at.getTime()) : await read();
  return rows.map(toPoint);
}

/** Time of the newest stored round of a cluster (or of one group), epoch ms; null when none. */
export async function findLatestRoundAt(clusterId: string, groupId?: string): Promise<number | null> {
  const row = await db.kafkaGroupLagPoint.findFirst({ where: { clusterId, ...(groupId ? { groupId } : {}) }, orderBy: { at: 'desc' }, select: { at: true } });
  return row?.at.getTime() ?? null;
}

/** The points and partition samples stored for one round (all groups, or one). */
export async function listRoundAt(clusterId: string, at: number, groupId?: string): Promise<{ points: StoredGroupLagPoint[]; samples: StoredLagSample[] }> {
  const where = { clusterId, at: new Date(at), ...(groupId ? { groupId } : {}) };
  const [points, samples] = await Promise.all([
    db.kafkaGroupLagPoint.findMany({ where, orderBy: { groupId: 'asc' } }),
    db.kafkaLagSample.findMany({ where, orderBy: [{ groupId: 'asc' }, { topic: 'asc' }, { partition: 'asc' }] }),
  ]);
  return { points: points.map(toPoint), samples: samples.map(toSample) };
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
