import 'server-only';
import { AppError } from '@/server/errors';
import { hasTeamRole, requireTeamRole } from '@/server/auth/authz';
import { recordAudit } from '@/server/audit/queries';
import { getTargetForActor } from '@/server/targets/queries';
import { findTeamRefByIdOrSlug } from '@/server/teams/queries';
import { deleteAssignment, findAssignment, insertAssignment, listAssignments, type StoredAssignment } from '@/server/tenancy/queries';
import type { Actor } from '@/server/auth/actor';
import type { ResourceAssignmentInput } from '@/lib/schemas/tenancy';
import type { ResourceAssignmentDto } from '@/lib/tenancy/dto';
import type { TargetDto } from '@/lib/schemas/targets';

// Assignment rules give teams the resources on a target that no launch created. Everyone who may use
// the target sees its rules; platform admins edit them for any team, team admins for their own team
// (and only for a team that may use the target).

function toDto(actor: Actor, rule: StoredAssignment): ResourceAssignmentDto {
  return {
    id: rule.id,
    targetId: rule.targetId,
    team: rule.team,
    kind: rule.kind,
    pattern: rule.kind === 'tag' ? rule.key : rule.pattern,
    tagValue: rule.kind === 'tag' ? rule.value : null,
    createdAt: rule.createdAt.toISOString(),
    canDelete: hasTeamRole(actor, rule.team.id, 'admin'),
  };
}

/** The assignment rules of a target the actor may use. */
export async function listTargetAssignments(actor: Actor, targetId: string): Promise<ResourceAssignmentDto[]> {
  const target = await getTargetForActor(actor, targetId);
  return (await listAssignments([target.id])).map((r) => toDto(actor, r));
}

function teamMayUse(target: TargetDto, teamId: string): boolean {
  return target.isSandbox || target.teamIds.includes(teamId);
}

/** Adds a rule (platform admins; team admins for their own team); audited. */
export async function addTargetAssignment(actor: Actor, targetId: string, input: ResourceAssignmentInput): Promise<ResourceAssignmentDto> {
  const target = await getTargetForActor(actor, targetId);
  const team = await findTeamRefByIdOrSlug(input.team);
  if (!team) throw new AppError('VALIDATION', `There is no team ${input.team}.`, { fields: { team: ['is not a team'] } });
  requireTeamRole(actor, team.id, 'admin', 'assign resources to this team');
  if (!teamMayUse(target, team.id)) {
    throw new AppError('VALIDATION', `Team ${team.slug} may not use target ${target.name}.`, { fields: { team: [`may not use target ${target.name}`] } });
  }
  const rule = await insertAssignment({
    targetId: target.id,
    teamId: team.id,
    kind: input.kind,
    pattern: input.kind === 'tag' ? input.key : input.pattern,
    tagValue: input.kind === 'tag' ? input.value : '',
    createdById: actor.userId,
  });
  if (!rule) throw new AppError('CONFLICT', `Team ${team.slug} already has this rule on ${target.name}.`);
  await recordAudit({
    actor,
    action: 'tenancy.assignment.create',
    resourceType: 'resource-assignment',
    resourceId: rule.id,
    teamId: team.id,
    outcome: 'success',
    details: { target: target.name, kind: input.kind, rule: input.kind === 'tag' ? `${input.key}=${input.value}` : input.pattern },
    changes: { rule: { from: null, to: input.kind === 'tag' ? `${input.key}=${input.value}` : input.pattern } },
  });
  return toDto(actor, rule);
}

/** Removes a rule (platform admins; admins of the rule's team); audited. */
export async function removeTargetAssignment(actor: Actor, targetId: string, assignmentId: string): Promise<void> {
  const target = await getTargetForActor(actor, targetId);
  const rule = await findAssignment(assignmentId);
  if (!rule || rule.targetId !== target.id) throw new AppError('NOT_FOUND', 'No such assignment on this target.');
  requireTeamRole(actor, rule.team.id, 'admin', 'remove assignments of this team');
  await deleteAssignment(rule.id);
  await recordAudit({
    actor,
    action: 'tenancy.assignment.delete',
    resourceType: 'resource-assignment',
    resourceId: rule.id,
    teamId: rule.team.id,
    outcome: 'success',
    details: { target: target.name, kind: rule.kind, rule: rule.kind === 'tag' ? `${rule.key}=${rule.value}` : rule.pattern },
    changes: { rule: { from: rule.kind === 'tag' ? `${rule.key}=${rule.value}` : rule.pattern, to: null } },
  });
}
