import 'server-only';
import { db } from '@/server/db';
import { serializeRequiredTags } from '@/server/teams/required-tags';
import type { Role } from '@/server/auth/roles';
import type { RequiredTagRule } from '@/lib/launches/tags';

/** Creates a team by slug unless it exists (an existing team keeps its name and tags); returns its id. */
export async function upsertTeam(team: { slug: string; name: string; requiredTags: readonly RequiredTagRule[] }): Promise<string> {
  const row = await db.team.upsert({
    where: { slug: team.slug },
    update: {},
    create: { slug: team.slug, name: team.name, requiredTags: serializeRequiredTags(team.requiredTags) },
    select: { id: true },
  });
  return row.id;
}

/** Creates a demo user by e-mail, or marks an existing one as a demo user; returns its id. */
export async function upsertDemoUser(user: { email: string; name: string; isPlatformAdmin: boolean }): Promise<string> {
  const row = await db.user.upsert({
    where: { email: user.email },
    update: { isDemo: true },
    create: { ...user, isDemo: true },
    select: { id: true },
  });
  return row.id;
}

/** Gives a user a role in a team (replacing the role they had there). */
export async function upsertMembership(userId: string, teamId: string, role: Role): Promise<void> {
  await db.membership.upsert({ where: { userId_teamId: { userId, teamId } }, update: { role }, create: { userId, teamId, role } });
}
