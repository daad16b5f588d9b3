import 'server-only';
import { AppError } from '@/server/errors';
import { isRoleAtLeast } from '@/lib/auth/roles';
import type { Actor } from '@/server/auth/actor';
import type { TargetDto } from '@/lib/schemas/targets';

// Starting and stopping executions needs the developer role in a team that may use the target (every
// team may use the sandbox); viewers and members of other teams only read.

/** The team through which the actor may start/stop executions in the target (null: a platform admin). */
function operatingTeam(actor: Actor, target: TargetDto): { id: string } | null | undefined {
  if (actor.isPlatformAdmin) return null;
  return actor.teams.find((t) => isRoleAtLeast(t.role, 'developer') && (target.isSandbox || target.teamIds.includes(t.id)));
}

/** True when the actor may start and stop executions in the target. */
export function canOperateExecutions(actor: Actor, target: TargetDto): boolean {
  return operatingTeam(actor, target) !== undefined;
}

/** Throws FORBIDDEN unless the actor is a developer in a team that may use the target; returns that team (for the audit log). */
export function requireExecutionOperator(actor: Actor, target: TargetDto, what: string): { teamId: string | null } {
  const team = operatingTeam(actor, target);
  if (team !== undefined) return { teamId: team?.id ?? null };
  const usable = actor.teams.filter((t) => target.isSandbox || target.teamIds.includes(t.id));
  const targetName = target.isSandbox ? 'the sandbox' : `target ${target.name}`;
  throw new AppError(
    'FORBIDDEN',
    usable.length
      ? `Your role in ${usable.map((t) => `${t.slug} is ${t.role}`).join(', ')}; you need developer in a team that may use ${targetName} to ${what}.`
      : `You need the developer role in a team that may use ${targetName} to ${what}.`,
  );
}
