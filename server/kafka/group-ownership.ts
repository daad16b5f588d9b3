import 'server-only';
import { AppError } from '@/server/errors';
import { hasTeamRole, requireTeamRole } from '@/server/auth/authz';
import { recordAudit } from '@/server/audit/queries';
import { accessFor } from '@/server/tenancy/ownership';
import { deleteGroupPrefix, findTeamRef, insertGroupPrefix, listGroupPrefixes, type StoredGroupPrefix } from '@/server/tenancy/queries';
import { findTeamRefByIdOrSlug } from '@/server/teams/queries';
import type { Actor } from '@/server/auth/actor';
import type { GroupPrefixInput } from '@/lib/schemas/tenancy';
import type { KafkaGroupPrefixDto, ResourceAccessDto, ResourceOwnerDto } from '@/lib/tenancy/dto';

import { requireReadableCluster } from './clusters';
import { groupOwnerFrom, prefixesOverlap } from './group-owner';
import type { StoredKafkaCluster } from './queries';

// Who owns each consumer group (rules in ./group-owner.ts), and the admin operations on prefixes.

export type GroupOwnerOf = (groupId: string) => { owner: ResourceOwnerDto; access: ResourceAccessDto };

/** A function giving the owner of any group on the cluster and what the actor may do with it (two queries, once). */
export async function loadGroupOwnership(actor: Actor, cluster: StoredKafkaCluster): Promise<GroupOwnerOf> {
  const [prefixes, clusterTeam] = await Promise.all([listGroupPrefixes([cluster.id]), cluster.teamId ? findTeamRef(cluster.teamId) : null]);
  return (groupId) => {
    const owner = groupOwnerFrom(groupId, prefixes, clusterTeam);
    return { owner, access: accessFor(actor, owner) };
  };
}

/** True when the actor may edit prefixes of this team (platform admins: any team; team admins: their own). */
function canEditPrefixesOf(actor: Actor, teamId: string): boolean {
  return hasTeamRole(actor, teamId, 'admin');
}

function toDto(actor: Actor, p: StoredGroupPrefix): KafkaGroupPrefixDto {
  return {
    id: p.id,
    clusterId: p.clusterId,
    team: p.team,
    prefix: p.prefix,
    createdAt: p.createdAt.toISOString(),
    canDelete: canEditPrefixesOf(actor, p.team.id),
  };
}

/** The group-id prefixes of a cluster the actor may read. */
export async function listClusterGroupPrefixes(actor: Actor, clusterId: string): Promise<KafkaGroupPrefixDto[]> {
  const cluster = await requireReadableCluster(actor, clusterId);
  return (await listGroupPrefixes([cluster.id])).map((p) => toDto(actor, p));
}

/** Gives a team the groups whose ids start with a prefix (platform admins; team admins for their team); audited. */
export async function addClusterGroupPrefix(actor: Actor, clusterId: string, input: GroupPrefixInput): Promise<KafkaGroupPrefixDto> {
  const cluster = await requireReadableCluster(actor, clusterId);
  const team = await findTeamRefByIdOrSlug(input.team);
  if (!team) throw new AppError('VALIDATION', `There is no team ${input.team}.`, { fields: { team: ['is not a team'] } });
  requireTeamRole(actor, team.id, 'admin', 'assign consumer group prefixes to this team');
  if (cluster.teamId && cluster.teamId !== team.id) {
    throw new AppError('VALIDATION', `Cluster ${cluster.name} belongs to another team; only its own team can own its groups.`, {
      fields: { team: ['must be the team that owns the cluster'] },
    });
  }
  const existing = await listGroupPrefixes([cluster.id]);
  const clash = existing.find((p) => prefixesOverlap(p.prefix, input.prefix));
  if (clash) {
    throw new AppError(
      'CONFLICT',
      clash.team.id === team.id && clash.prefix === input.prefix
        ? `Team ${team.slug} already owns prefix "${input.prefix}" on ${cluster.name}.`
        : `Prefix "${input.prefix}" overlaps "${clash.prefix}" of team ${clash.team.slug}: one group id could match both.`,
      { fields: { prefix: [`overlaps "${clash.prefix}" (${clash.team.slug})`] } },
    );
  }
  const id = await insertGroupPrefix({ clusterId: cluster.id, teamId: team.id, prefix: input.prefix, createdById: actor.userId });
  await recordAudit({
    actor,
    action: 'kafka.group-prefix.create',
    resourceType: 'kafka-group-prefix',
    resourceId: id,
    teamId: team.id,
    outcome: 'success',
    details: { cluster: cluster.name, prefix: input.prefix },
    changes: { prefix: { from: null, to: input.prefix } },
  });
  return toDto(actor, { id, clusterId: cluster.id, team: { id: team.id, slug: team.slug, name: team.name }, prefix: input.prefix, createdAt: new Date() });
}

/** Removes a prefix (platform admins; admins of the prefix's team); audited. */
export async function removeClusterGroupPrefix(actor: Actor, clusterId: string, prefixId: string): Promise<void> {
  const cluster = await requireReadableCluster(actor, clusterId);
  const prefix = (await listGroupPrefixes([cluster.id])).find((p) => p.id === prefixId);
  if (!prefix) throw new AppError('NOT_FOUND', 'No such prefix on this cluster.');
  requireTeamRole(actor, prefix.team.id, 'admin', 'remove consumer group prefixes of this team');
  await deleteGroupPrefix(prefix.id);
  await recordAudit({
    actor,
    action: 'kafka.group-prefix.delete',
    resourceType: 'kafka-group-prefix',
    resourceId: prefix.id,
    teamId: prefix.team.id,
    outcome: 'success',
    details: { cluster: cluster.name, prefix: prefix.prefix },
    changes: { prefix: { from: prefix.prefix, to: null } },
  });
}
