import 'server-only';

import type { KafkaClusterDto, KafkaClusterHealthDto, KafkaConnectionSummaryDto, KafkaConnectionTestDto } from '@/lib/kafka/dto';
import { parseMskClusterArn, type KafkaClusterRegistration, type KafkaConnectionSettings } from '@/lib/schemas/kafka';
import type { Actor } from '@/server/auth/actor';
import { hasTeamRole, readableTeamIds, requirePlatformAdmin, requireTeamRole, roleInTeam } from '@/server/auth/authz';
import { AppError } from '@/server/errors';
import { listTargetsForActor } from '@/server/targets/queries';

import { listGroupPrefixes } from '@/server/tenancy/queries';

import { closeClusterAdmin, testConnection } from './admin';
import { canResetSomeGroup } from './group-owner';
import { requireAllowedBrokers } from './broker-guard';
import { buildClusterKafkaConfig, clusterAddressPolicy, effectiveClusterSettings, resolveMskAccess, sandboxBrokers } from './cluster-config';
import type { ClusterHealthRecord } from './cluster-health';
import {
  prismaClusterHealthStore,
  deleteClusterWithHistory,
  findCluster,
  findClusterOwnerNames,
  findLatestRoundAt,
  insertCluster,
  listClusters,
  readClusterSecrets,
  type StoredKafkaCluster,
  upsertSandboxCluster,
} from './queries';

/**
 * Registered Kafka clusters as each person may see and change them.
 *
 * Rules: a cluster belongs to one team, or to every team (teamId null: the sandbox cluster). Anyone in
 * the owning team reads it; every signed-in person reads an every-team cluster. Registering and
 * removing a cluster is for platform admins (any team, or every team) and team admins (their own team
 * only): they own the credentials it is registered with. Other teams' clusters are FORBIDDEN.
 * Resetting offsets follows the owner of each consumer group (./group-owner.ts).
 */

/** True when the actor may see the cluster and its groups. */
function canReadCluster(actor: Actor, cluster: Pick<StoredKafkaCluster, 'teamId'>): boolean {
  return cluster.teamId === null || roleInTeam(actor, cluster.teamId) !== null;
}

/** True when the actor may test or remove the cluster. */
export function canManageCluster(actor: Actor, cluster: Pick<StoredKafkaCluster, 'teamId'>): boolean {
  return actor.isPlatformAdmin || (cluster.teamId !== null && hasTeamRole(actor, cluster.teamId, 'admin'));
}

/** True when the actor may register clusters for at least one team. */
export function canRegisterClusters(actor: Actor): boolean {
  return actor.isPlatformAdmin || actor.teams.some((t) => t.role === 'admin');
}

/** The cluster if the actor may read it: NOT_FOUND when missing, FORBIDDEN for another team's. */
export async function requireReadableCluster(actor: Actor, clusterId: string): Promise<StoredKafkaCluster> {
  const cluster = await findCluster(clusterId);
  if (!cluster) throw new AppError('NOT_FOUND', 'No such Kafka cluster.');
  if (!canReadCluster(actor, cluster)) throw new AppError('FORBIDDEN', 'This Kafka cluster belongs to a team you are not in.');
  return cluster;
}

async function requireManageableCluster(actor: Actor, clusterId: string, what: string): Promise<StoredKafkaCluster> {
  const cluster = await requireReadableCluster(actor, clusterId);
  if (!canManageCluster(actor, cluster)) {
    throw new AppError('FORBIDDEN', cluster.teamId ? `Only admins of the owning team or platform admins can ${what}.` : `Only platform admins can ${what}.`);
  }
  return cluster;
}

/** Clusters the actor may read, with the sampler's health and what the actor may do with each. */
export async function listClustersForActor(actor: Actor): Promise<KafkaClusterDto[]> {
  const clusters = await listClusters({ teamIds: readableTeamIds(actor) });
  return toClusterDtos(actor, clusters);
}

/** One readable cluster as a DTO. */
export async function getClusterForActor(actor: Actor, clusterId: string): Promise<KafkaClusterDto> {
  const [dto] = await toClusterDtos(actor, [await requireReadableCluster(actor, clusterId)]);
  return dto!;
}

/** The sampler's verdict on a cluster plus when it last stored a round. */
export async function readClusterHealth(clusterId: string): Promise<KafkaClusterHealthDto> {
  const [records, lastSampledAt] = await Promise.all([prismaClusterHealthStore.read([clusterId]), findLatestRoundAt(clusterId)]);
  return toHealthDto(records.get(clusterId), lastSampledAt);
}

function toHealthDto(record: ClusterHealthRecord | undefined, lastSampledAt: number | null): KafkaClusterHealthDto {
  return {
    state: record?.state ?? 'unknown',
    since: record ? new Date(record.since).toISOString() : null,
    lastError: record?.lastError ?? null,
    lastSampledAt: lastSampledAt === null ? null : new Date(lastSampledAt).toISOString(),
  };
}

async function toClusterDtos(actor: Actor, clusters: StoredKafkaCluster[]): Promise<KafkaClusterDto[]> {
  const ids = clusters.map((c) => c.id);
  const [health, lastRounds, names, prefixes] = await Promise.all([
    prismaClusterHealthStore.read(ids),
    Promise.all(ids.map((id) => findLatestRoundAt(id))),
    findClusterOwnerNames(
      clusters.flatMap((c) => (c.teamId ? [c.teamId] : [])),
      clusters.flatMap((c) => (c.targetId ? [c.targetId] : [])),
    ),
    listGroupPrefixes(ids),
  ]);
  return clusters.map((cluster, i) => ({
    id: cluster.id,
    name: cluster.name,
    kind: cluster.kind,
    connection: summariseConnection(effectiveClusterSettings(cluster)),
    target: cluster.targetId ? { id: cluster.targetId, name: names.targets.get(cluster.targetId) ?? 'deleted target' } : null,
    team: cluster.teamId ? { id: cluster.teamId, name: names.teams.get(cluster.teamId) ?? 'deleted team' } : null,
    isSandbox: cluster.isSandbox,
    hasSecrets: Boolean(cluster.secretsEncrypted),
    createdAt: cluster.createdAt.toISOString(),
    health: toHealthDto(health.get(cluster.id), lastRounds[i] ?? null),
    permissions: {
      canManage: canManageCluster(actor, cluster),
      canResetOffsets: canResetSomeGroup(
        actor,
        cluster.teamId,
        prefixes.filter((p) => p.clusterId === cluster.id),
      ),
    },
  }));
}

/** Connection settings without secrets, for display. */
function summariseConnection(settings: KafkaConnectionSettings): KafkaConnectionSummaryDto {
  switch (settings.kind) {
    case 'msk-iam':
      return {
        kind: settings.kind,
        brokers: [],
        clusterArn: settings.clusterArn,
        region: parseMskClusterArn(settings.clusterArn).region,
        username: null,
        tls: true,
        hasCaCert: false,
        hasClientCert: false,
      };
    case 'plaintext':
      return {
        kind: settings.kind,
        brokers: settings.brokers,
        clusterArn: null,
        region: null,
        username: null,
        tls: false,
        hasCaCert: false,
        hasClientCert: false,
      };
    case 'tls':
      return {
        kind: settings.kind,
        brokers: settings.brokers,
        clusterArn: null,
        region: null,
        username: null,
        tls: true,
        hasCaCert: Boolean(settings.caCertPem),
        hasClientCert: Boolean(settings.clientCertPem),
      };
    case 'sasl-plain':
    case 'sasl-scram-sha-512':
      return {
        kind: settings.kind,
        brokers: settings.brokers,
        clusterArn: null,
        region: null,
        username: settings.username,
        tls: settings.tls,
        hasCaCert: Boolean(settings.caCertPem),
        hasClientCert: false,
      };
  }
}

/** Registers a cluster (platform admins; team admins for their own team); refuses forbidden broker addresses; secrets are stored encrypted. */
export async function registerCluster(actor: Actor, input: KafkaClusterRegistration): Promise<KafkaClusterDto> {
  if (input.teamId === null) requirePlatformAdmin(actor, 'register a Kafka cluster for every team');
  else requireTeamRole(actor, input.teamId, 'admin', 'register Kafka clusters for this team');
  if (input.teamId && !(await findClusterOwnerNames([input.teamId], [])).teams.has(input.teamId)) {
    throw new AppError('VALIDATION', 'No such team.', { fields: { teamId: ['is not a team'] } });
  }
  // Checked again at every connect (DNS may change); here so the admin hears it while typing.
  if (input.settings.kind !== 'msk-iam') {
    await requireAllowedBrokers(input.settings.brokers, clusterAddressPolicy({ isSandbox: false, settings: input.settings }));
  }

  let targetId: string | null = null;
  if (input.settings.kind === 'msk-iam') {
    const target = (await listTargetsForActor(actor)).find((t) => t.id === input.targetId);
    const usableByTeam = target && (target.isSandbox || input.teamId === null || target.teamIds.includes(input.teamId));
    if (!target || !usableByTeam) {
      throw new AppError('VALIDATION', 'Choose an AWS target the owning team may use.', { fields: { targetId: ['is not a target this team may use'] } });
    }
    const region = parseMskClusterArn(input.settings.clusterArn).region;
    if (!target.regions.includes(region)) {
      throw new AppError('VALIDATION', `Target ${target.name} does not allow ${region}, the cluster's region.`, {
        fields: { region: [`${target.name} allows ${target.regions.join(', ')}`] },
      });
    }
    targetId = target.id;
  }
  // Only the secrets the chosen kind uses are kept: a password typed before switching to TLS is dropped.
  const secrets = {
    ...(['sasl-plain', 'sasl-scram-sha-512'].includes(input.settings.kind) && input.secrets.password ? { password: input.secrets.password } : {}),
    ...(input.settings.kind === 'tls' && input.secrets.clientKeyPem ? { clientKeyPem: input.secrets.clientKeyPem } : {}),
  };
  const cluster = await insertCluster({ name: input.name, settings: input.settings, secrets, targetId, teamId: input.teamId });
  const [dto] = await toClusterDtos(actor, [cluster]);
  return dto!;
}

/** Connects to a registered cluster and reports brokers, controller and version (admins of it). */
export async function testClusterConnection(actor: Actor, clusterId: string): Promise<KafkaConnectionTestDto> {
  const cluster = await requireManageableCluster(actor, clusterId, 'test this cluster’s connection');
  const settings = effectiveClusterSettings(cluster);
  try {
    const config = await buildClusterKafkaConfig(settings, readClusterSecrets(cluster), cluster.targetId, 'web', clusterAddressPolicy(cluster));
    const msk =
      settings.kind === 'msk-iam'
        ? { client: (await resolveMskAccess(cluster.targetId, settings.clusterArn)).getMskClient(), clusterArn: settings.clusterArn }
        : undefined;
    return await testConnection(config, { msk });
  } catch (error) {
    // Building the config fails before any broker is asked (e.g. MSK bootstrap lookup): still a verdict.
    if (error instanceof AppError && error.code !== 'INTERNAL') return { ok: false, reason: 'error', message: error.message };
    throw error;
  }
}

/** Removes a cluster and its lag history (admins of it; never the sandbox cluster). */
export async function deleteCluster(actor: Actor, clusterId: string): Promise<StoredKafkaCluster> {
  const cluster = await requireManageableCluster(actor, clusterId, 'remove this cluster');
  if (cluster.isSandbox) throw new AppError('CONFLICT', 'The sandbox cluster is built in and cannot be removed.');
  await deleteClusterWithHistory(cluster.id);
  await closeClusterAdmin(cluster.id);
  return cluster;
}

/** The readable cluster registered with this MSK ARN (a launch's dashboard link), or null. */
export async function findClusterByArn(actor: Actor, clusterArn: string): Promise<StoredKafkaCluster | null> {
  const clusters = await listClusters({ teamIds: readableTeamIds(actor) });
  return clusters.find((c) => c.settings.kind === 'msk-iam' && c.settings.clusterArn === clusterArn) ?? null;
}

/** Makes sure the built-in sandbox cluster is registered, pointing at SANDBOX_KAFKA_BROKERS (idempotent). */
export async function ensureSandboxKafkaCluster(): Promise<StoredKafkaCluster> {
  return upsertSandboxCluster(sandboxBrokers());
}
