import 'server-only';
import { FUNCTION_ACTIONS } from '@/server/abac/actions';
import type { MatrixFunction, MatrixPrincipal } from '@/server/abac/matrix';
import { compileFunctionPolicy, compilePrincipalPolicies, decideCell } from '@/server/abac/statements';
import type { TeamReachRow } from '@/lib/abac/types';

// A team's page: which of the functions its launches created its launched roles reach, and with
// which function actions. Every function of the team gets a row; one no team role reaches says so.

/** For each of the team's functions, the team's roles that reach it and the actions each is allowed. */
export function computeTeamReach(
  principals: readonly MatrixPrincipal[],
  functions: readonly MatrixFunction[],
  team: { roles: ReadonlySet<string>; functions: ReadonlySet<string> },
): TeamReachRow[] {
  const roles = principals.filter((p) => team.roles.has(p.arn)).map((p) => ({ p, policies: compilePrincipalPolicies(p) }));
  return functions
    .filter((f) => team.functions.has(f.arn))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((f) => {
      const resource = compileFunctionPolicy(f);
      const via = roles
        .map(({ p, policies }) => ({
          role: { arn: p.arn, name: p.name },
          actions: FUNCTION_ACTIONS.filter((a) => decideCell(p, policies, f, resource, a).decision === 'allowed'),
        }))
        .filter((r) => r.actions.length > 0)
        .sort((a, b) => a.role.name.localeCompare(b.role.name));
      return { function: { arn: f.arn, name: f.name }, via };
    });
}
