import 'server-only';
import { evaluateCondition, explainCondition } from '@/server/abac/conditions';
import { accountOfArn } from '@/server/abac/context';
import type { CompiledPolicy, CompiledStatement } from '@/server/abac/policy';
import { matchesResource, toRequestResource, type RequestResource } from '@/server/abac/resources';
import type { ConditionExplanation, DecidingStatement, DecisionResult, RequestContext } from '@/server/abac/types';

// The decision, following "Policy evaluation logic" (reference_policies_evaluation-logic.html) for
// identity policies, a permissions boundary and a resource policy, without SCPs, RCPs or session
// policies:
// 1. An explicit Deny in any of them decides ("Explicit deny first").
// 2. Same account: an Allow in the identity policies (and, when there is a boundary, in the boundary
//    too: "Evaluating identity-based policies with permissions boundaries") or an Allow in the
//    resource policy naming the principal itself. A resource policy naming the account (its root or
//    id) only delegates to the identity policies. An implicit deny in the boundary does not limit a
//    resource policy that names an IAM user's ARN; for a role it limits one naming the role's ARN (the
//    caller is the role's session, a different principal) but not one naming everyone ("*").
// 3. Cross-account: the identity policies (within the boundary) and the resource policy (naming the
//    principal or its account) must both allow ("Cross-account policy evaluation logic").

/** The policies one principal brings to a request, compiled once. */
export type PolicySet = {
  identity: readonly CompiledPolicy[];
  boundary: CompiledPolicy | null;
  resource: CompiledPolicy | null;
};

/** One call to decide; `context` from buildRequestContext. */
export type EvaluationRequest = {
  action: string;
  principalArn: string;
  resourceArn: string;
  context: RequestContext;
};

type Prepared = { action: string; resource: RequestResource; context: RequestContext };
type PrincipalMatch = 'direct' | 'anyone' | 'account' | null;

function matchesAction(statement: CompiledStatement, action: string): boolean {
  let hit = false;
  for (const pattern of statement.actions) {
    if (pattern.test(action, EMPTY) === true) {
      hit = true;
      break;
    }
  }
  return hit !== statement.isNotAction;
}

const EMPTY: RequestContext = new Map();

// An entry whose variable has no value names nothing, and in NotResource it cannot be excluded either:
// the statement does not apply ("If there is no value for a policy variable … the policy element
// fails", reference_policies_variables.html#policy-vars-no-value).
function matchesResources(statement: CompiledStatement, request: Prepared): boolean {
  let hit = false;
  for (const pattern of statement.resources) {
    const result = matchesResource(pattern, request.resource, request.context);
    if (result === null && statement.isNotResource) return false;
    if (result === true) {
      hit = true;
      break;
    }
  }
  return hit !== statement.isNotResource;
}

function matchesConditions(statement: CompiledStatement, context: RequestContext): boolean {
  for (const condition of statement.conditions) if (!evaluateCondition(condition, context)) return false;
  return true;
}

function principalMatch(statement: CompiledStatement, principalArn: string, principalAccount: string | null): PrincipalMatch {
  const spec = statement.principals;
  if (!spec) return null;
  if (spec.aws.includes(principalArn)) return 'direct';
  if (spec.isAnyone) return 'anyone';
  if (principalAccount && spec.aws.some((p) => p === principalAccount || p === `arn:aws:iam::${principalAccount}:root`)) return 'account';
  return null;
}

type Applied = { statement: CompiledStatement; principal: PrincipalMatch };
type PolicyOutcome = { allows: Applied[]; denies: Applied[]; inPlay: CompiledStatement[] };

function evaluatePolicy(policy: CompiledPolicy, request: Prepared, principalArn: string, principalAccount: string | null, outcome: PolicyOutcome) {
  for (const statement of policy.statements) {
    if (!matchesAction(statement, request.action)) continue;
    let principal: PrincipalMatch = null;
    if (policy.kind === 'resourcePolicy') {
      principal = principalMatch(statement, principalArn, principalAccount);
      if (!principal) continue;
    }
    if (!matchesResources(statement, request)) continue;
    outcome.inPlay.push(statement);
    if (!matchesConditions(statement, request.context)) continue;
    (statement.effect === 'Deny' ? outcome.denies : outcome.allows).push({ statement, principal });
  }
}

const emptyOutcome = (): PolicyOutcome => ({ allows: [], denies: [], inPlay: [] });

function explainStatements(statements: CompiledStatement[], context: RequestContext): ConditionExplanation[] {
  return statements.flatMap((s) => s.conditions.map((c) => explainCondition(c, context)));
}

const toDeciding = (s: CompiledStatement): DecidingStatement => ({ policyIndex: s.policyIndex, sid: s.sid, effect: s.effect });

/**
 * Decides one request against a principal's policies, with the statements and conditions that decided
 * it; `explain: false` leaves the conditions out (a matrix needs only the decision).
 */
export function evaluateRequest(policies: PolicySet, request: EvaluationRequest, options: { explain?: boolean } = {}): DecisionResult {
  const explain = (statements: CompiledStatement[]) => (options.explain === false ? [] : explainStatements(statements, request.context));
  const prepared: Prepared = { action: request.action, resource: toRequestResource(request.resourceArn), context: request.context };
  const principalAccount = accountOfArn(request.principalArn);
  const identity = emptyOutcome();
  for (const policy of policies.identity) evaluatePolicy(policy, prepared, request.principalArn, principalAccount, identity);
  const boundary = policies.boundary ? emptyOutcome() : null;
  if (policies.boundary && boundary) evaluatePolicy(policies.boundary, prepared, request.principalArn, principalAccount, boundary);
  const resource = policies.resource ? emptyOutcome() : null;
  if (policies.resource && resource) evaluatePolicy(policies.resource, prepared, request.principalArn, principalAccount, resource);

  const denies = [...identity.denies, ...(boundary?.denies ?? []), ...(resource?.denies ?? [])].map((a) => a.statement);
  if (denies.length > 0) {
    return { decision: 'explicitDeny', decidingStatements: denies.map(toDeciding), conditions: explain(denies) };
  }

  const isBoundaryAllowing = !boundary || boundary.allows.length > 0;
  const identityPath = identity.allows.length > 0 && isBoundaryAllowing ? [...identity.allows, ...(boundary?.allows ?? [])] : [];
  const resourceAccount = request.resourceArn === '*' ? principalAccount : accountOfArn(request.resourceArn);
  const isSameAccount = principalAccount !== null && principalAccount === resourceAccount;
  const isUser = /^arn:[^:]+:iam::\d{12}:user\//.test(request.principalArn);

  let allowing: Applied[] = [];
  if (isSameAccount) {
    const resourcePath = (resource?.allows ?? []).filter(
      (a) => (a.principal === 'direct' || a.principal === 'anyone') && (isBoundaryAllowing || isUser || a.principal === 'anyone'),
    );
    allowing = [...identityPath, ...resourcePath];
  } else if (identityPath.length > 0 && resource && resource.allows.length > 0) {
    allowing = [...identityPath, ...resource.allows];
  }
  if (allowing.length > 0) {
    const statements = allowing.map((a) => a.statement);
    return { decision: 'allowed', decidingStatements: statements.map(toDeciding), conditions: explain(statements) };
  }
  const inPlay = [...identity.inPlay, ...(boundary?.inPlay ?? []), ...(resource?.inPlay ?? [])];
  return { decision: 'implicitDeny', decidingStatements: [], conditions: explain(inPlay) };
}
