import 'server-only';
import { z } from 'zod';
import { db } from '@/server/db';
import { AppError } from '@/server/errors';
import { readableTeamIds, roleInTeam } from '@/server/auth/authz';
import type { Actor } from '@/server/auth/actor';

const requiredTagsSchema = z.record(z.string(), z.string());

export type TeamDto = { id: string; slug: string; name: string; requiredTags: Record<string, string> };
export type TeamDetailDto = TeamDto & { members: { email: string; name: string; role: string }[] };

/** Teams the actor belongs to (every team for platform admins). */
export async function listTeamsForActor(actor: Actor): Promise<TeamDto[]> {
  const ids = readableTeamIds(actor);
  const rows = await db.team.findMany({ where: ids ? { id: { in: ids } } : undefined, orderBy: { slug: 'asc' } });
  return rows.map((t) => ({ id: t.id, slug: t.slug, name: t.name, requiredTags: requiredTagsSchema.parse(JSON.parse(t.requiredTags)) }));
}

/** One team with its members; FORBIDDEN for non-members. */
export async function getTeamForActor(actor: Actor, idOrSlug: string): Promise<TeamDetailDto> {
  const team = await db.team.findFirst({
    where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] },
    include: { memberships: { include: { user: true }, orderBy: { user: { email: 'asc' } } } },
  });
  if (!team) throw new AppError('NOT_FOUND', `No team "${idOrSlug}".`);
  if (!roleInTeam(actor, team.id)) throw new AppError('FORBIDDEN', `You are not a member of team ${team.slug}.`);
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    requiredTags: requiredTagsSchema.parse(JSON.parse(team.requiredTags)),
    members: team.memberships.map((m) => ({ email: m.user.email, name: m.user.name, role: m.role })),
  };
}

/** A team by id or slug (no access check: callers check the actor's role in it), or null. */
export async function findTeamRefByIdOrSlug(idOrSlug: string): Promise<{ id: string; slug: string; name: string } | null> {
  return db.team.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, select: { id: true, slug: true, name: true } });
}
