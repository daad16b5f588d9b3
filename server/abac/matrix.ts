import 'server-only';
import { buildRequestContext } from '@/server/abac/context';
import { evaluateRequest, type PolicySet } from '@/server/abac/evaluate';
import { compilePolicy, PolicyError, type CompiledPolicy } from '@/server/abac/policy';
import type { Decision, PolicyKind } from '@/server/abac/types';

// The principals × functions matrix for one action, over an inventory read from AWS: each principal's
// policies are compiled once, each function's resource policy once.

/** What the matrix needs of a principal. */
export type MatrixPrincipal = {
  arn: string;
  kind: 'role' | 'user';
  name: string;
  tags: Record<string, string>;
  policies: { name: string; document: unknown }[];
  permissionsBoundary: { name: string; document: unknown } | null;
};

/** What the matrix needs of a function. */
export type MatrixFunction = { arn: string; name: string; tags: Record<string, string>; resourcePolicy: unknown };

export type AbacMatrix = {
  action: string;
  principals: { arn: string; kind: 'role' | 'user'; name: string; tags: Record<string, string> }[];
  functions: { arn: string; name: string; tags: Record<string, string> }[];
  /** `cells[p][f]`: the decision for principal p on function f. */
  cells: Decision[][];
  counts: Record<Decision, number>;
  /** Policies the evaluator could not read (left out of the decisions), each with why. */
  problems: { where: string; problem: string }[];
};

/** Decides `action` for every principal on every function. */
export function computeAbacMatrix(principals: readonly MatrixPrincipal[], functions: readonly MatrixFunction[], action: string): AbacMatrix {
  const problems: AbacMatrix['problems'] = [];
  const tryCompile = (document: unknown, kind: PolicyKind, index: number, where: string): CompiledPolicy | null => {
    try {
      return compilePolicy(document, kind, index);
    } catch (err) {
      if (!(err instanceof PolicyError)) throw err;
      problems.push({ where, problem: err.message });
      return null;
    }
  };
  const resourcePolicies = functions.map((f) => (f.resourcePolicy ? tryCompile(f.resourcePolicy, 'resourcePolicy', -1, `${f.arn} resource policy`) : null));
  const counts: Record<Decision, number> = { allowed: 0, explicitDeny: 0, implicitDeny: 0 };
  const cells = principals.map((p) => {
    const identity = p.policies.flatMap((policy, i) => tryCompile(policy.document, 'identity', i, `${p.arn} ${policy.name}`) ?? []);
    const boundary = p.permissionsBoundary
      ? tryCompile(p.permissionsBoundary.document, 'permissionsBoundary', p.policies.length, `${p.arn} boundary ${p.permissionsBoundary.name}`)
      : null;
    return functions.map((f, fi) => {
      const set: PolicySet = { identity, boundary, resource: resourcePolicies[fi] ?? null };
      const context = buildRequestContext({ action, principalArn: p.arn, resourceArn: f.arn, principalTags: p.tags, resourceTags: f.tags });
      const { decision } = evaluateRequest(set, { action, principalArn: p.arn, resourceArn: f.arn, context }, { explain: false });
      counts[decision]++;
      return decision;
    });
  });
  return {
    action,
    principals: principals.map(({ arn, kind, name, tags }) => ({ arn, kind, name, tags })),
    functions: functions.map(({ arn, name, tags }) => ({ arn, name, tags })),
    cells,
    counts,
    problems,
  };
}
