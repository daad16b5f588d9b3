// The test oracle: @cloud-copilot/iam-simulate is AGPL-3.0, so only tests and the benchmark import
// this file (ESLint and server/abac/oracle-boundary.test.ts hold the rule).
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { accountOfArn, listContextEntries } from '@/server/abac/context';
import type { Decision } from '@/server/abac/types';
import type { GeneratedCase } from '@/server/abac/test-support/generate';

const DECISIONS: Record<string, Decision> = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };

/** The same case as the oracle's Simulation input (context keys as listContextEntries names them). */
export function toSimulation(c: GeneratedCase): Simulation {
  const contextVariables: Record<string, string | string[]> = {};
  for (const [key, value] of listContextEntries(c.facts)) contextVariables[key] = typeof value === 'string' ? value : [...value];
  const resourceAccount = c.facts.resourceArn === '*' ? accountOfArn(c.facts.principalArn) : accountOfArn(c.facts.resourceArn);
  return {
    request: {
      principal: c.facts.principalArn,
      action: c.facts.action,
      resource: { resource: c.facts.resourceArn, accountId: resourceAccount ?? '' },
      contextVariables,
    },
    identityPolicies: c.policies.map((policy, i) => ({ name: `policy-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: c.resourcePolicy,
    permissionBoundaryPolicies: c.permissionsBoundary ? [{ name: 'boundary', policy: c.permissionsBoundary }] : undefined,
  };
}

/** The oracle's decision through its validating entry point; throws on a validation error. */
export async function decideWithOracle(c: GeneratedCase): Promise<Decision> {
  const result = await runSimulation(toSimulation(c), {});
  if (result.resultType === 'error') throw new Error(`oracle refused the case: ${JSON.stringify(result.errors)}`);
  const decision = DECISIONS[result.overallResult];
  if (!decision) throw new Error(`oracle answered ${result.overallResult}`);
  return decision;
}

/** The oracle's decision without input validation (its fastest path, for the benchmark). */
export function decideWithOracleUnchecked(simulation: Simulation): Decision {
  const result = runUnsafeSimulation(simulation, {});
  const decision = DECISIONS[result];
  if (!decision) throw new Error(`oracle answered ${result}`);
  return decision;
}
