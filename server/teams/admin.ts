import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '@/server/errors';
import { requirePlatformAdmin, requireTeamRole } from '@/server/auth/authz';
import { recordAudit } from '@/server/audit/queries';
import { findUserByEmail } from '@/server/auth/queries';
import {
  archiveTeamUnlessLive,
  deleteLocalMembership,
  findMembership,
  findMembershipOfUser,
  findTeam,
  insertLocalMembership,
  insertTeam,
  listMemberships,
  updateLocalMembershipRole,
  updateRequiredTags,
  updateTeamName,
} from '@/server/teams/queries';
import type { Actor } from '@/server/auth/actor';
import type { RequiredTagRule } from '@/lib/launches/tags';
import type { MemberAddInput, MemberRoleInput, RequiredTagsInput, TeamCreateInput, TeamDto, TeamMemberDto, TeamRenameInput } from '@/lib/schemas/teams';

// Teams administration: platform admins create, rename and archive teams; a team's admins (and
// platform admins) manage its local members and its required launch tags. Memberships from the
// identity provider are replaced at every sign-in (server/auth/oidc-user.ts), so they are shown but
// never edited here. Every change is audited with what it was and what it became.

/** The team, or NOT_FOUND; team admins and members learn nothing of teams they are not in beyond FORBIDDEN. */
async function requireTeam(idOrSlug: string): Promise<TeamDto> {
  const team = await findTeam(idOrSlug);
  if (!team) throw new AppError('NOT_FOUND', `No team "${idOrSlug}".`);
  return team;
}

async function requireAdminOf(actor: Actor, idOrSlug: string, what: string): Promise<TeamDto> {
  const team = await requireTeam(idOrSlug);
  requireTeamRole(actor, team.id, 'admin', what);
  return team;
}

function refuseIfArchived(team: TeamDto, what: string) {
  if (team.archivedAt) throw new AppError('CONFLICT', `Team ${team.slug} is archived, so you cannot ${what}.`);
}

const idpReadOnly = (member: TeamMemberDto) =>
  new AppError(
    'CONFLICT',
    `The membership of ${member.email} comes from the identity provider${member.idpGroup ? ` (group ${member.idpGroup})` : ''} and is replaced at each sign-in: change it in the identity provider, not here.`,
    { details: { source: 'idp', idpGroup: member.idpGroup } },
  );

/** Creates a team (platform admins); audited. */
export async function createTeam(actor: Actor, input: TeamCreateInput): Promise<TeamDto> {
  requirePlatformAdmin(actor, 'create teams');
  const team = await insertTeam(input);
  if (!team) throw new AppError('CONFLICT', `There is already a team with the slug ${input.slug}.`, { fields: { slug: ['is taken by another team'] } });
  await recordAudit({
    actor,
    action: 'team.create',
    resourceType: 'team',
    resourceId: team.id,
    teamId: team.id,
    outcome: 'success',
    details: { changes: { slug: { from: null, to: team.slug }, name: { from: null, to: team.name } } },
  });
  return team;
}

/** Renames a team (platform admins); audited when the name changes. */
export async function renameTeam(actor: Actor, idOrSlug: string, input: TeamRenameInput): Promise<TeamDto> {
  requirePlatformAdmin(actor, 'rename teams');
  const team = await requireTeam(idOrSlug);
  if (team.name === input.name) return team;
  const renamed = await updateTeamName(team.id, input.name);
  await recordAudit({
    actor,
    action: 'team.rename',
    resourceType: 'team',
    resourceId: team.id,
    teamId: team.id,
    outcome: 'success',
    details: { team: team.slug, changes: { name: { from: team.name, to: renamed.name } } },
  });
  return renamed;
}

/**
 * Archives a team (platform admins): it leaves every picker and cannot launch, its launches and audit
 * entries stay. Refused while any of its launches may still hold resources, naming them.
 */
export async function archiveTeam(actor: Actor, idOrSlug: string): Promise<TeamDto> {
  requirePlatformAdmin(actor, 'archive teams');
  const team = await requireTeam(idOrSlug);
  if (team.archivedAt) return team;
  const at = new Date();
  const live = await archiveTeamUnlessLive(team.id, at);
  if (live.length > 0) {
    const names = live.map((l) => `${l.stackName} (${l.status})`);
    throw new AppError(
      'CONFLICT',
      `Team ${team.slug} has ${live.length} live launch${live.length === 1 ? '' : 'es'}: ${names.join(', ')}. Delete ${live.length === 1 ? 'it' : 'them'} first; a team is archived only once nothing it launched remains.`,
      { details: { liveLaunches: live } },
    );
  }
  await recordAudit({
    actor,
    action: 'team.archive',
    resourceType: 'team',
    resourceId: team.id,
    teamId: team.id,
    outcome: 'success',
    details: { team: team.slug, changes: { archivedAt: { from: null, to: at.toISOString() } } },
  });
  return { ...team, archivedAt: at.toISOString() };
}

/** A team's members with their roles and where each came from (team admins, platform admins). */
export async function listTeamMembers(actor: Actor, idOrSlug: string): Promise<{ team: TeamDto; members: TeamMemberDto[] }> {
  const team = await requireAdminOf(actor, idOrSlug, "see the team's members and where each came from");
  return { team, members: await listMemberships(team.id) };
}

/** Adds a local member by the e-mail of someone who has signed in before (team admins, platform admins); audited. */
export async function addTeamMember(actor: Actor, idOrSlug: string, input: MemberAddInput): Promise<TeamMemberDto> {
  const team = await requireAdminOf(actor, idOrSlug, 'add members');
  refuseIfArchived(team, 'add members');
  const user = await findUserByEmail(input.email);
  if (!user) {
    throw new AppError('VALIDATION', `Nobody with the e-mail ${input.email} has signed in to Slipway yet; they must sign in once before they can be added.`, {
      fields: { email: ['is not the e-mail of anyone who has signed in'] },
    });
  }
  const member = await insertLocalMembership(team.id, user.id, input.role);
  if (!member) {
    const existing = await findMembershipOfUser(team.id, user.id);
    if (existing?.source === 'idp') throw idpReadOnly(existing);
    throw new AppError(
      'CONFLICT',
      `${input.email} is already a member of team ${team.slug}${existing ? ` (${existing.role})` : ''}: change their role instead.`,
      {
        fields: { email: ['is already a member'] },
      },
    );
  }
  await recordAudit({
    actor,
    action: 'team.member.add',
    resourceType: 'membership',
    resourceId: member.id,
    teamId: team.id,
    outcome: 'success',
    details: { team: team.slug, member: member.email, changes: { role: { from: null, to: member.role } } },
  });
  return member;
}

/**
 * A team admin cannot demote or remove the team's last admin (themselves, usually): nobody but a
 * platform admin could manage the team afterwards. Platform admins may, as they manage it anyway.
 */
async function refuseLosingLastAdmin(actor: Actor, team: TeamDto, member: TeamMemberDto, what: string): Promise<void> {
  if (actor.isPlatformAdmin || member.role !== 'admin') return;
  const admins = (await listMemberships(team.id)).filter((m) => m.role === 'admin');
  if (admins.some((m) => m.id !== member.id)) return;
  throw new AppError('CONFLICT', `${member.email} is the last admin of team ${team.slug}, so you cannot ${what}: make someone else an admin first.`, {
    details: { lastAdmin: member.email },
  });
}

async function requireMember(team: TeamDto, membershipId: string): Promise<TeamMemberDto> {
  const member = await findMembership(team.id, membershipId);
  if (!member) throw new AppError('NOT_FOUND', `No membership ${membershipId} in team ${team.slug}.`);
  return member;
}

/** Changes a local member's role (team admins, platform admins); IdP-derived memberships are refused; audited. */
export async function changeMemberRole(actor: Actor, idOrSlug: string, membershipId: string, input: MemberRoleInput): Promise<TeamMemberDto> {
  const team = await requireAdminOf(actor, idOrSlug, 'change roles');
  refuseIfArchived(team, 'change roles');
  const member = await requireMember(team, membershipId);
  if (member.source === 'idp') throw idpReadOnly(member);
  if (member.role === input.role) return member;
  await refuseLosingLastAdmin(actor, team, member, 'change their role');
  const updated = await updateLocalMembershipRole(member.id, input.role);
  if (!updated) throw idpReadOnly(member);
  await recordAudit({
    actor,
    action: 'team.member.role',
    resourceType: 'membership',
    resourceId: member.id,
    teamId: team.id,
    outcome: 'success',
    details: { team: team.slug, member: member.email, changes: { role: { from: member.role, to: updated.role } } },
  });
  return updated;
}

/** Removes a local member (team admins, platform admins); IdP-derived memberships are refused; audited. */
export async function removeTeamMember(actor: Actor, idOrSlug: string, membershipId: string): Promise<void> {
  const team = await requireAdminOf(actor, idOrSlug, 'remove members');
  const member = await requireMember(team, membershipId);
  if (member.source === 'idp') throw idpReadOnly(member);
  await refuseLosingLastAdmin(actor, team, member, 'remove them');
  if (!(await deleteLocalMembership(member.id))) throw idpReadOnly(member);
  await recordAudit({
    actor,
    action: 'team.member.remove',
    resourceType: 'membership',
    resourceId: member.id,
    teamId: team.id,
    outcome: 'success',
    details: { team: team.slug, member: member.email, changes: { role: { from: member.role, to: null } } },
  });
}

/**
 * A rule as one line for the audit log. Text rather than the rule object: the log's redaction masks
 * any field named like `key`, which would hide which tag changed.
 */
export function describeRule(rule: RequiredTagRule): string {
  const parts = [
    rule.allowedValues ? `one of ${rule.allowedValues.join(', ')}` : null,
    rule.pattern !== undefined ? `pattern ${rule.pattern}` : null,
    rule.default ? `default ${rule.default}` : null,
  ].filter(Boolean);
  return parts.length ? `${rule.key} (${parts.join('; ')})` : rule.key;
}

/** Replaces a team's required launch tags (team admins, platform admins); audited when they change. */
export async function setRequiredTags(actor: Actor, idOrSlug: string, input: RequiredTagsInput): Promise<TeamDto> {
  const team = await requireAdminOf(actor, idOrSlug, 'change required tags');
  refuseIfArchived(team, 'change required tags');
  const updated = await updateRequiredTags(team.id, input.tags);
  if (isDeepStrictEqual(team.requiredTags, updated.requiredTags)) return updated;
  await recordAudit({
    actor,
    action: 'team.required-tags',
    resourceType: 'team',
    resourceId: team.id,
    teamId: team.id,
    outcome: 'success',
    details: { team: team.slug, changes: { requiredTags: { from: team.requiredTags.map(describeRule), to: updated.requiredTags.map(describeRule) } } },
  });
  return updated;
}
