import 'server-only';
import { db } from '@/server/db';
import { isRole } from '@/server/auth/roles';
import type { Actor } from '@/server/auth/actor';

/** Loads a user with their team memberships as an Actor, or null when unknown. */
export async function loadActor(where: { id: string } | { email: string }, via: Actor['via'], tokenId?: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where,
    include: { memberships: { include: { team: true }, orderBy: { team: { slug: 'asc' } } } },
  });
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isPlatformAdmin: user.isPlatformAdmin,
    teams: user.memberships
      .filter((m) => isRole(m.role))
      .map((m) => ({
        id: m.team.id,
        slug: m.team.slug,
        name: m.team.name,
        role: m.role as Actor['teams'][number]['role'],
        source: m.source === 'idp' ? ('idp' as const) : ('local' as const),
      })),
    via,
    tokenId,
  };
}

/** A user's id and e-mail by e-mail (stored lower-case), or null. */
export async function findUserByEmail(email: string): Promise<{ id: string; email: string } | null> {
  return db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, email: true } });
}

/**
 * Creates or refreshes the user an OIDC sign-in names (teams are granted by admins) and sets whether
 * they are a platform admin; says whether that changed, so the caller can audit it.
 */
export async function upsertOidcUser(email: string, name: string, isPlatformAdmin: boolean): Promise<{ id: string; wasPlatformAdmin: boolean }> {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { email }, select: { isPlatformAdmin: true } });
    const user = await tx.user.upsert({ where: { email }, update: { name, isPlatformAdmin }, create: { email, name, isPlatformAdmin } });
    return { id: user.id, wasPlatformAdmin: before?.isPlatformAdmin ?? false };
  });
}

/** Seeded demo users shown on the sign-in page. */
export async function listDemoUsers() {
  const users = await db.user.findMany({
    where: { isDemo: true },
    include: { memberships: { include: { team: true } } },
    orderBy: [{ isPlatformAdmin: 'desc' }, { email: 'asc' }],
  });
  return users.map((u) => ({
    email: u.email,
    name: u.name,
    isPlatformAdmin: u.isPlatformAdmin,
    teams: u.memberships.map((m) => ({ slug: m.team.slug, role: m.role })),
  }));
}

export async function findDemoUser(email: string) {
  return db.user.findFirst({ where: { email, isDemo: true } });
}

/** One membership an IdP sign-in changed: `from` or `to` is null when it was added or removed. */
export interface MembershipChange {
  team: string;
  from: string | null;
  to: string | null;
  group: string | null;
}

/**
 * Makes a user's IdP-derived memberships exactly `wanted` (team slug → role and group). Teams that do
 * not exist are left out; a team the user holds a local (admin-assigned) membership of keeps it.
 */
export async function replaceIdpMemberships(userId: string, wanted: ReadonlyMap<string, { role: string; group: string }>): Promise<MembershipChange[]> {
  return db.$transaction(async (tx) => {
    const teams = await tx.team.findMany({ where: { slug: { in: [...wanted.keys()] } }, select: { id: true, slug: true } });
    const existing = await tx.membership.findMany({ where: { userId }, include: { team: { select: { slug: true } } } });
    const changes: MembershipChange[] = [];
    for (const m of existing) {
      if (m.source === 'idp' && !wanted.has(m.team.slug)) {
        await tx.membership.delete({ where: { id: m.id } });
        changes.push({ team: m.team.slug, from: m.role, to: null, group: m.idpGroup });
      }
    }
    for (const team of teams) {
      const want = wanted.get(team.slug)!;
      const current = existing.find((m) => m.teamId === team.id);
      if (!current) {
        await tx.membership.create({ data: { userId, teamId: team.id, role: want.role, source: 'idp', idpGroup: want.group } });
        changes.push({ team: team.slug, from: null, to: want.role, group: want.group });
      } else if (current.source === 'idp' && (current.role !== want.role || current.idpGroup !== want.group)) {
        await tx.membership.update({ where: { id: current.id }, data: { role: want.role, idpGroup: want.group } });
        changes.push({ team: team.slug, from: current.role, to: want.role, group: want.group });
      }
    }
    return changes;
  });
}
