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
      .map((m) => ({ id: m.team.id, slug: m.team.slug, name: m.team.name, role: m.role as Actor['teams'][number]['role'] })),
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
