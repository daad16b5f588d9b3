import 'server-only';
import { isRole, isRoleAtLeast, type Role } from '@/server/auth/roles';

/**
 * How identity-provider groups become team memberships (SLIPWAY_OIDC_GROUP_RULES). Rules are
 * separated by commas or new lines; each is either
 *   - a pattern with both placeholders, e.g. `slipway-{team}-{role}s`: `slipway-falcon-developers`
 *     makes its member a developer of team falcon; or
 *   - `<group>=<team>:<role>`, e.g. `payments-engineers=falcon:developer`, where the group may also
 *     hold `{team}` (then the right side names `{team}`) and the role is fixed.
 * `{team}` matches a team slug (lower-case letters, digits, dashes), `{role}` viewer, developer or
 * admin. A person in several mapped groups of one team gets the highest role.
 */
export interface GroupRule {
  /** The rule as written, for error messages and audit records. */
  source: string;
  pattern: RegExp;
  team: string;
  role: string;
}

export class GroupRuleError extends Error {}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(group: string): RegExp {
  const parts = group.split(/(\{team\}|\{role\})/);
  const body = parts
    .map((part) => (part === '{team}' ? '(?<team>[a-z0-9][a-z0-9-]*)' : part === '{role}' ? '(?<role>viewer|developer|admin)' : escape(part)))
    .join('');
  return new RegExp(`^${body}$`);
}

/** Parses SLIPWAY_OIDC_GROUP_RULES; a rule it cannot read throws GroupRuleError naming it and why. */
export function parseGroupRules(text: string | undefined): GroupRule[] {
  const rules: GroupRule[] = [];
  for (const source of (text ?? '')
    .split(/[,\n]/)
    .map((rule) => rule.trim())
    .filter(Boolean)) {
    const [group, target, extra] = source.split('=').map((part) => part.trim());
    if (extra !== undefined || !group) throw new GroupRuleError(`group rule "${source}": write <group>=<team>:<role> or a pattern with {team} and {role}`);
    if (target === undefined) {
      if (!group.includes('{team}') || !group.includes('{role}')) {
        throw new GroupRuleError(`group rule "${source}": a rule without "=" needs both {team} and {role} in the group name`);
      }
      rules.push({ source, pattern: compile(group), team: '{team}', role: '{role}' });
      continue;
    }
    const [team, role] = target.split(':').map((part) => part.trim());
    if (!team || !role || !isRole(role))
      throw new GroupRuleError(`group rule "${source}": the right side must be <team>:<role> with role viewer, developer or admin`);
    if (team === '{team}' && !group.includes('{team}')) throw new GroupRuleError(`group rule "${source}": {team} on the right needs {team} in the group name`);
    if (team !== '{team}' && !/^[a-z0-9][a-z0-9-]*$/.test(team)) throw new GroupRuleError(`group rule "${source}": "${team}" is not a team slug`);
    rules.push({ source, pattern: compile(group), team, role });
  }
  return rules;
}

/** The team memberships a person's groups give, by team slug, with the highest role each. */
export function membershipsFromGroups(groups: readonly string[], rules: readonly GroupRule[]): Map<string, { role: Role; group: string }> {
  const result = new Map<string, { role: Role; group: string }>();
  for (const group of groups) {
    for (const rule of rules) {
      const match = rule.pattern.exec(group);
      if (!match) continue;
      const team = rule.team === '{team}' ? match.groups?.team : rule.team;
      const role = rule.role === '{role}' ? match.groups?.role : rule.role;
      if (!team || !role || !isRole(role)) continue;
      const current = result.get(team);
      if (!current || !isRoleAtLeast(current.role, role)) result.set(team, { role, group });
    }
  }
  return result;
}

/** The groups claim of an ID token or userinfo answer as a list (IdPs send a list or one string). */
export function groupsFromClaims(claims: Record<string, unknown> | undefined, claim: string): string[] {
  const value = claims?.[claim];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
