import 'server-only';
import { listContextEntries } from '@/server/abac/context';
import type { MatrixFunction, MatrixPrincipal } from '@/server/abac/matrix';
import { compileFunctionPolicy, compilePrincipalPolicies, decideCell, nameDecidingStatements } from '@/server/abac/statements';
import type { SimulationContextEntry, SimulationResultDto } from '@/server/aws/iam';
import type { VerifiedDecision } from '@/lib/abac/types';

// "Verify with AWS": one matrix cell checked against IAM's SimulatePrincipalPolicy. IAM's simulation
// does not read tags itself, so the portal sends the same context it evaluated with (principal tags,
// resource tags, account keys); it evaluates the principal's identity policies and boundary only, so
// the portal's side of the comparison leaves the function's resource policy out and says separately
// when that policy changes the matrix's answer.

export type SimulationRequest = { actions: string[]; context: SimulationContextEntry[] };

/** The SimulatePrincipalPolicy calls for one cell: its actions grouped by the context IAM must be given. */
export function planCellSimulation(principal: MatrixPrincipal, fn: MatrixFunction, actions: readonly string[]): SimulationRequest[] {
  const groups = new Map<string, SimulationRequest>();
  for (const action of actions) {
    const context: SimulationContextEntry[] = listContextEntries({
      action,
      principalArn: principal.arn,
      resourceArn: fn.arn,
      principalTags: principal.tags,
      resourceTags: fn.tags,
    }).map(([key, value]) => (typeof value === 'string' ? { key, values: [value], type: 'string' } : { key, values: [...value], type: 'stringList' }));
    const signature = JSON.stringify(context);
    const group = groups.get(signature);
    if (group) group.actions.push(action);
    else groups.set(signature, { actions: [action], context });
  }
  return [...groups.values()];
}

/** The portal's decisions for a cell next to IAM's answers, action by action. */
export function compareCellWithAws(
  principal: MatrixPrincipal,
  fn: MatrixFunction,
  actions: readonly string[],
  aws: readonly SimulationResultDto[],
): VerifiedDecision[] {
  const policies = compilePrincipalPolicies(principal);
  const resource = compileFunctionPolicy(fn);
  return actions.map((action) => {
    const identityOnly = decideCell(principal, policies, fn, null, action);
    const full = resource ? decideCell(principal, policies, fn, resource, action).decision : identityOnly.decision;
    const answer = aws.find((r) => r.action.toLowerCase() === action.toLowerCase() && (r.resource === fn.arn || r.resource === '*'));
    return {
      action,
      portal: identityOnly.decision,
      aws: answer?.decision ?? null,
      agrees: answer?.decision === identityOnly.decision,
      portalPolicies: [...new Set(nameDecidingStatements(principal, identityOnly).map((s) => s.policy))],
      awsPolicies: [...new Set((answer?.matchedPolicies ?? []).map((m) => m.id))],
      missingContextValues: answer?.missingContextValues ?? [],
      withResourcePolicy: full === identityOnly.decision ? null : full,
    };
  });
}
