import 'server-only';
import { buildRequestContext } from '@/server/abac/context';
import { evaluateRequest, type PolicySet } from '@/server/abac/evaluate';
import type { MatrixFunction, MatrixPrincipal } from '@/server/abac/matrix';
import { compilePolicy, PolicyError, type CompiledPolicy, type CompiledStatement } from '@/server/abac/policy';
import type { DecisionResult, PolicyKind, RequestContext } from '@/server/abac/types';
import type { StatementRef } from '@/lib/abac/types';

// Every statement of every principal's identity policies, compiled once, for the analyses that look
// at policies rather than decisions (findings, tag mappings). Policies the evaluator cannot read are
// skipped here: the matrix already reports them in `problems`.

export type PrincipalStatement = { ref: StatementRef; statement: CompiledStatement };

const EMPTY: RequestContext = new Map();

/** The compiled identity-policy statements of one principal (the boundary is left out: it only limits). */
export function listPrincipalStatements(principal: MatrixPrincipal): PrincipalStatement[] {
  const out: PrincipalStatement[] = [];
  principal.policies.forEach((policy, policyIndex) => {
    let statements: CompiledStatement[];
    try {
      statements = compilePolicy(policy.document, 'identity', policyIndex).statements;
    } catch (err) {
      if (err instanceof PolicyError) return;
      throw err;
    }
    statements.forEach((statement, statementIndex) =>
      out.push({ ref: { principal: principal.arn, policy: policy.name, policyIndex, sid: statement.sid, statementIndex }, statement }),
    );
  });
  return out;
}

/** Whether the statement's Action (or NotAction) covers the action. */
export function statementCoversAction(statement: CompiledStatement, action: string): boolean {
  const hit = statement.actions.some((pattern) => pattern.test(action, EMPTY) === true);
  return hit !== statement.isNotAction;
}

/** The lower-cased condition keys of a statement. */
export function listConditionKeys(statement: CompiledStatement): string[] {
  return statement.conditions.map((c) => c.key);
}

/** A short label for a statement in findings and mappings: `policy` or `policy#Sid`. */
export function describeStatement(ref: StatementRef): string {
  return ref.sid ? `${ref.policy}#${ref.sid}` : `${ref.policy} statement ${ref.statementIndex + 1}`;
}

function compileOrSkip(document: unknown, kind: PolicyKind, index: number): CompiledPolicy | null {
  try {
    return compilePolicy(document, kind, index);
  } catch (err) {
    if (err instanceof PolicyError) return null;
    throw err;
  }
}

/** A principal's identity policies and boundary, compiled (unreadable policies left out, as the matrix does). */
export function compilePrincipalPolicies(principal: MatrixPrincipal): Omit<PolicySet, 'resource'> {
  const identity = principal.policies.flatMap((p, i) => compileOrSkip(p.document, 'identity', i) ?? []);
  const boundary = principal.permissionsBoundary
    ? compileOrSkip(principal.permissionsBoundary.document, 'permissionsBoundary', principal.policies.length)
    : null;
  return { identity, boundary };
}

/** A function's resource policy, compiled, or null. */
export function compileFunctionPolicy(fn: MatrixFunction): CompiledPolicy | null {
  return fn.resourcePolicy ? compileOrSkip(fn.resourcePolicy, 'resourcePolicy', -1) : null;
}

/** Decides one action for a principal on a function (policies compiled beforehand). */
export function decideCell(
  principal: MatrixPrincipal,
  policies: Omit<PolicySet, 'resource'>,
  fn: MatrixFunction,
  resource: CompiledPolicy | null,
  action: string,
  requestTags?: Record<string, string>,
): DecisionResult {
  const context = buildRequestContext({
    action,
    principalArn: principal.arn,
    resourceArn: fn.arn,
    principalTags: principal.tags,
    resourceTags: fn.tags,
    requestTags,
  });
  return evaluateRequest({ ...policies, resource }, { action, principalArn: principal.arn, resourceArn: fn.arn, context });
}

/** Names the deciding statements' policies (indexes count identity policies, then the boundary, then the resource policy). */
export function nameDecidingStatements(principal: MatrixPrincipal, result: DecisionResult) {
  const count = principal.policies.length;
  return result.decidingStatements.map((s) => {
    const kind =
      s.policyIndex >= 0 && s.policyIndex < count
        ? 'identity'
        : s.policyIndex === count && principal.permissionsBoundary
          ? 'permissionsBoundary'
          : 'resourcePolicy';
    const policy =
      kind === 'identity'
        ? (principal.policies[s.policyIndex]?.name ?? `policy ${s.policyIndex}`)
        : kind === 'permissionsBoundary'
          ? (principal.permissionsBoundary?.name ?? 'boundary')
          : 'function resource policy';
    return { policy, kind, sid: s.sid, effect: s.effect } as const;
  });
}
