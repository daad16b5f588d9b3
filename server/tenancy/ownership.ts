import 'server-only';
import { isRoleAtLeast } from '@/server/auth/roles';
import type { Actor } from '@/server/auth/actor';
import type { ResourceAccessDto, ResourceOwnerDto, TeamRefDto } from '@/lib/tenancy/dto';

// One ownership model for every resource Slipway shows (docs/TENANCY.md):
//   1. a resource a launch created belongs to the launch's team;
//   2. otherwise, to every team an admin assigned it to (ARN pattern or tag rule on its target);
//   3. otherwise to nobody.
// Members of an owning team read its data; its developers act on it; platform admins always may.
// Unowned resources are listed to the target's teams, but only platform admins read or act on them.

export interface LaunchOwner {
  team: TeamRefDto;
  launch: { id: string; stackName: string };
}

export type AssignmentRule =
  { id: string; team: TeamRefDto; kind: 'arn-pattern'; pattern: string } | { id: string; team: TeamRefDto; kind: 'tag'; key: string; value: string };

/** A resource as the rules see it: its ARN and, when known, its tags. */
export interface OwnedResource {
  arn: string;
  tags?: Readonly<Record<string, string>>;
}

const patternCache = new Map<string, RegExp>();

/** ARN patterns: `*` matches any run of characters (also `:` and `/`), everything else literally. */
export function matchesArnPattern(pattern: string, arn: string): boolean {
  let regex = patternCache.get(pattern);
  if (!regex) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${body}$`, 's');
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(pattern, regex);
  }
  return regex.test(arn);
}

/** True when the resource matches one assignment rule. Tag rules need the resource's tags. */
export function matchesRule(rule: AssignmentRule, resource: OwnedResource): boolean {
  if (rule.kind === 'arn-pattern') return matchesArnPattern(rule.pattern, resource.arn);
  return resource.tags !== undefined && Object.hasOwn(resource.tags, rule.key) && resource.tags[rule.key] === rule.value;
}

/** True when some tag rule could decide this resource's owner, so its tags are worth reading. */
export function needsTags(rules: readonly AssignmentRule[]): boolean {
  return rules.some((r) => r.kind === 'tag');
}

/** The owner of a resource: its launch's team, else the teams its rules assign it to, else nobody. */
export function decideOwner(resource: OwnedResource, launchOwner: LaunchOwner | null, rules: readonly AssignmentRule[]): ResourceOwnerDto {
  if (launchOwner) return { kind: 'launch', team: launchOwner.team, launch: launchOwner.launch };
  const teams = new Map<string, TeamRefDto>();
  for (const rule of rules) if (matchesRule(rule, resource)) teams.set(rule.team.id, rule.team);
  if (teams.size) return { kind: 'assigned', teams: [...teams.values()].sort((a, b) => a.slug.localeCompare(b.slug)) };
  return { kind: 'unowned' };
}

/** Ids of the teams that own a resource (none when unowned). */
export function owningTeamIds(owner: ResourceOwnerDto): string[] {
  switch (owner.kind) {
    case 'launch':
    case 'team':
      return [owner.team.id];
    case 'assigned':
      return owner.teams.map((t) => t.id);
    case 'unowned':
      return [];
  }
}

/** What the actor may do with a resource of this owner. */
export function accessFor(actor: Actor, owner: ResourceOwnerDto): ResourceAccessDto {
  if (actor.isPlatformAdmin) return { canRead: true, canOperate: true };
  const owning = new Set(owningTeamIds(owner));
  const roles = actor.teams.filter((t) => owning.has(t.id)).map((t) => t.role);
  return { canRead: roles.length > 0, canOperate: roles.some((r) => isRoleAtLeast(r, 'developer')) };
}

/** The owning team through which the actor acts (for the audit log); null for platform admins acting outside their teams. */
export function actingTeamId(actor: Actor, owner: ResourceOwnerDto): string | null {
  const owning = new Set(owningTeamIds(owner));
  return actor.teams.find((t) => owning.has(t.id) && isRoleAtLeast(t.role, 'developer'))?.id ?? null;
}

/** Why the actor may not read or act on a resource, in words that name the owner. */
export function refusalMessage(owner: ResourceOwnerDto, need: 'read' | 'operate', what: string): string {
  switch (owner.kind) {
    case 'launch':
      return need === 'read'
        ? `This belongs to team ${owner.team.slug} (launch ${owner.launch.stackName}); only its members can ${what}.`
        : `This belongs to team ${owner.team.slug} (launch ${owner.launch.stackName}); only its developers can ${what}.`;
    case 'team':
      return `This belongs to team ${owner.team.slug}; only its ${need === 'read' ? 'members' : 'developers'} can ${what}.`;
    case 'assigned': {
      const teams = owner.teams.map((t) => t.slug).join(', ');
      return `This is assigned to ${owner.teams.length > 1 ? 'teams' : 'team'} ${teams}; only their ${need === 'read' ? 'members' : 'developers'} can ${what}.`;
    }
    case 'unowned':
      return `No team owns this (no launch created it and no assignment names it); only platform admins can ${what}. A platform or team admin can assign it in Settings.`;
  }
}
