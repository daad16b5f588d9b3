import 'server-only';
import { isRoleAtLeast, type Role } from '@/server/auth/roles';
import { AppError } from '@/server/errors';
import type { Actor } from '@/server/auth/actor';

/** The actor's role in a team (platform admins act as team admins everywhere). */
export function roleInTeam(actor: Actor, teamId: string): Role | null {
  if (actor.isPlatformAdmin) return 'admin';
  return actor.teams.find((t) => t.id === teamId)?.role ?? null;
}

/** True when the actor holds at least `minimum` in the team. */
export function hasTeamRole(actor: Actor, teamId: string, minimum: Role): boolean {
  const role = roleInTeam(actor, teamId);
  return role !== null && isRoleAtLeast(role, minimum);
}

/** Throws FORBIDDEN unless the actor holds at least `minimum` in the team. */
export function requireTeamRole(actor: Actor, teamId: string, minimum: Role, what = 'do this'): void {
  if (hasTeamRole(actor, teamId, minimum)) return;
  const role = roleInTeam(actor, teamId);
  throw new AppError(
    'FORBIDDEN',
    role ? `Your role in this team is ${role}; you need ${minimum} to ${what}.` : `You are not a member of this team, so you cannot ${what}.`,
  );
}

/** Throws FORBIDDEN unless the actor is a platform admin. */
export function requirePlatformAdmin(actor: Actor, what = 'do this'): void {
  if (!actor.isPlatformAdmin) throw new AppError('FORBIDDEN', `Only platform admins can ${what}.`);
}

/** Team ids the actor may read (all teams for platform admins: null means "no restriction"). */
export function readableTeamIds(actor: Actor): string[] | null {
  return actor.isPlatformAdmin ? null : actor.teams.map((t) => t.id);
}

/** True when the actor may launch in at least one team (developer or above, or platform admin). */
export function canLaunchSomewhere(actor: Actor): boolean {
  return actor.isPlatformAdmin || actor.teams.some((t) => isRoleAtLeast(t.role, 'developer'));
}
