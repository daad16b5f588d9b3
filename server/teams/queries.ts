import 'server-only';
import { db, isUniqueViolation } from '@/server/db';
import { AppError } from '@/server/errors';
import { readableTeamIds, roleInTeam } from '@/server/auth/authz';
import { parseRequiredTags, serializeRequiredTags } from '@/server/teams/required-tags';
import { FINISHED_LAUNCH_STATUSES } from '@/lib/launches/actions';
import type { Actor } from '@/server/auth/actor';
import type { RequiredTagRule } from '@/lib/launches/tags';
import type { LiveLaunchRefDto, TeamDto, TeamMemberDto } from '@/lib/schemas/teams';

export type { TeamDto };
export type TeamDetailDto = TeamDto & { members: { email: string; name: string; role: string; source: 'local' | 'idp' }[] };

type TeamRow = { id: string; slug: string; name: string; requiredTags: string; archivedAt: Date | null };

function toTeamDto(t: TeamRow): TeamDto {
  return { id: t.id, slug: t.slug, name: t.name, requiredTags: parseRequiredTags(t.requiredTags), archivedAt: t.archivedAt?.toISOString() ?? null };
}

/** Teams the actor belongs to (every team for platform admins); archived ones only when asked for. */
export async function listTeamsForActor(actor: Actor, { includeArchived = false }: { includeArchived?: boolean } = {}): Promise<TeamDto[]> {
  const ids = readableTeamIds(actor);
  const rows = await db.team.findMany({
    where: { ...(ids ? { id: { in: ids } } : {}), ...(includeArchived ? {} : { archivedAt: null }) },
    orderBy: { slug: 'asc' },
  });
  return rows.map(toTeamDto);
}

/** One team (archived too: its history stays readable) with its members; FORBIDDEN for non-members. */
export async function getTeamForActor(actor: Actor, idOrSlug: string): Promise<TeamDetailDto> {
  const team = await db.team.findFirst({
    where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] },
    include: { memberships: { include: { user: true }, orderBy: { user: { email: 'asc' } } } },
  });
  if (!team) throw new AppError('NOT_FOUND', `No team "${idOrSlug}".`);
  if (!roleInTeam(actor, team.id)) throw new AppError('FORBIDDEN', `You are not a member of team ${team.slug}.`);
  return {
    ...toTeamDto(team),
    members: team.memberships.map((m) => ({ email: m.user.email, name: m.user.name, role: m.role, source: m.source === 'idp' ? 'idp' : 'local' })),
  };
}

/** A team by id or slug (no access check: callers check the actor's role in it), or null. */
export async function findTeamRefByIdOrSlug(idOrSlug: string): Promise<{ id: string; slug: string; name: string } | null> {
  return db.team.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, select: { id: true, slug: true, name: true } });
}

/** A team with its rules by id or slug (no access check), or null. */
export async function findTeam(idOrSlug: string): Promise<TeamDto | null> {
  const row = await db.team.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] } });
  return row ? toTeamDto(row) : null;
}

/** Creates a team; null when the slug is taken. */
export async function insertTeam(input: { slug: string; name: string }): Promise<TeamDto | null> {
  try {
    return toTeamDto(await db.team.create({ data: { slug: input.slug, name: input.name, requiredTags: '[]' } }));
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

/** Renames a team. */
export async function updateTeamName(id: string, name: string): Promise<TeamDto> {
  return toTeamDto(await db.team.update({ where: { id }, data: { name } }));
}

/** Replaces a team's required tag rules. */
export async function updateRequiredTags(id: string, rules: readonly RequiredTagRule[]): Promise<TeamDto> {
  return toTeamDto(await db.team.update({ where: { id }, data: { requiredTags: serializeRequiredTags(rules) } }));
}

/** The team's launches whose stacks may still exist (any status but deleted, discarded or never started). */
/** A team's launches that are not finished (what keeps it from being archived), oldest first. */
const liveLaunchesOf = (teamId: string) => ({
  where: { teamId, status: { notIn: [...FINISHED_LAUNCH_STATUSES] } },
  select: { id: true, stackName: true, status: true },
  orderBy: { createdAt: 'asc' as const },
});

export async function listLiveLaunches(teamId: string): Promise<LiveLaunchRefDto[]> {
  return db.launch.findMany(liveLaunchesOf(teamId));
}

/**
 * Archives a team unless it has live launches, checked in the same transaction; returns the launches
 * that stopped it (empty when it was archived).
 */
export async function archiveTeamUnlessLive(id: string, at: Date): Promise<LiveLaunchRefDto[]> {
  return db.$transaction(async (tx) => {
    const live = await tx.launch.findMany(liveLaunchesOf(id));
    if (live.length === 0) await tx.team.update({ where: { id }, data: { archivedAt: at } });
    return live;
  });
}

type MembershipRow = { id: string; userId: string; role: string; source: string; idpGroup: string | null; user: { email: string; name: string } };

function toMemberDto(m: MembershipRow): TeamMemberDto {
  return {
    id: m.id,
    userId: m.userId,
    email: m.user.email,
    name: m.user.name,
    role: m.role === 'admin' || m.role === 'developer' ? m.role : 'viewer',
    source: m.source === 'idp' ? 'idp' : 'local',
    idpGroup: m.idpGroup,
  };
}

/** A team's memberships, IdP-derived ones first, each by e-mail. */
export async function listMemberships(teamId: string): Promise<TeamMemberDto[]> {
  const rows = await db.membership.findMany({ where: { teamId }, include: { user: true }, orderBy: [{ source: 'asc' }, { user: { email: 'asc' } }] });
  return rows.map(toMemberDto);
}

/** One membership of a team, or null. */
export async function findMembership(teamId: string, membershipId: string): Promise<TeamMemberDto | null> {
  const row = await db.membership.findFirst({ where: { id: membershipId, teamId }, include: { user: true } });
  return row ? toMemberDto(row) : null;
}

/** A user's membership of a team, or null. */
export async function findMembershipOfUser(teamId: string, userId: string): Promise<TeamMemberDto | null> {
  const row = await db.membership.findUnique({ where: { userId_teamId: { userId, teamId } }, include: { user: true } });
  return row ? toMemberDto(row) : null;
}

/** Adds a local membership; null when the user is already a member (of any source). */
export async function insertLocalMembership(teamId: string, userId: string, role: string): Promise<TeamMemberDto | null> {
  try {
    return toMemberDto(await db.membership.create({ data: { teamId, userId, role, source: 'local' }, include: { user: true } }));
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

/**
 * Changes a local membership's role; null when it is gone or has become IdP-derived meanwhile (a
 * sign-in replaced it), so an admin's edit never overwrites what the IdP says.
 */
export async function updateLocalMembershipRole(membershipId: string, role: string): Promise<TeamMemberDto | null> {
  const res = await db.membership.updateMany({ where: { id: membershipId, source: 'local' }, data: { role } });
  if (res.count !== 1) return null;
  const row = await db.membership.findUnique({ where: { id: membershipId }, include: { user: true } });
  return row ? toMemberDto(row) : null;
}

/** Removes a local membership; false when it is gone or IdP-derived. */
export async function deleteLocalMembership(membershipId: string): Promise<boolean> {
  const res = await db.membership.deleteMany({ where: { id: membershipId, source: 'local' } });
  return res.count === 1;
}
