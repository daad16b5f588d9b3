import 'server-only';
import { FUNCTION_ACTIONS, RETAG_ACTIONS } from '@/server/abac/actions';
import type { PolicySet } from '@/server/abac/evaluate';
import type { MatrixFunction, MatrixPrincipal } from '@/server/abac/matrix';
import type { CompiledPolicy, CompiledStatement } from '@/server/abac/policy';
import { accountOfArn, buildRequestContext } from '@/server/abac/context';
import { matchesResource, toRequestResource, type RequestResource, type ResourcePattern } from '@/server/abac/resources';
import type { RequestContext } from '@/server/abac/types';
import {
  compileFunctionPolicy,
  compilePrincipalPolicies,
  decideCell,
  describeStatement,
  listPrincipalStatements,
  statementCoversAction,
  type PrincipalStatement,
} from '@/server/abac/statements';
import type { AbacFinding, FindingSeverity, StatementRef } from '@/lib/abac/types';

// What is wrong or risky in a target's ABAC set-up, from the inventory and the evaluator alone.
// Each rule names what it looks at and why it matters (sources: "Attribute-based access control for
// Lambda", the AWS Compute Blog post "Scaling AWS Lambda permissions with Attribute-Based Access
// Control (ABAC)", and IAM's "Set operators for multivalued context keys").

const SEVERITY_ORDER: Record<FindingSeverity, number> = { high: 0, medium: 1, low: 2 };
const RESOURCE_TAG = 'aws:resourcetag/';
const REQUEST_TAG = 'aws:requesttag/';
const PRINCIPAL_TAG_VARIABLE = /\$\{\s*aws:PrincipalTag\//i;

const nameOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1).replace(/^.*:function:/, '');
const withLabel = (ref: StatementRef) => ({ ...ref, label: describeStatement(ref) });
const formatTags = (tags: Record<string, string>) =>
  Object.keys(tags).length === 0
    ? 'no tags'
    : Object.entries(tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');

type Compiled = { principal: MatrixPrincipal; set: Omit<PolicySet, 'resource'>; statements: PrincipalStatement[] };

function compilePrincipal(principal: MatrixPrincipal): Compiled {
  return { principal, set: compilePrincipalPolicies(principal), statements: listPrincipalStatements(principal) };
}

function isAllowedAny(p: Compiled, fn: MatrixFunction, resource: CompiledPolicy | null): boolean {
  return FUNCTION_ACTIONS.some((action) => decideCell(p.principal, p.set, fn, resource, action).decision === 'allowed');
}

// Reachability asks, for every principal and function, whether any function action is allowed: at
// 100 × 1,000 with 13 actions that is 1.3 million decisions. A function without a resource policy
// enters a principal's decisions only through its account, the resource tags the principal's policies
// read (condition keys `aws:ResourceTag/…`; every tag when a policy variable names one) and which of
// the principal's Resource patterns name its ARN. So each principal decides once per distinct
// (account, tags it reads, Resource-match profile) and reuses the answer for every function alike:
// with the post's policies a principal decides a handful of cells instead of a thousand. The answers
// are still the evaluator's own.
type FunctionFacts = { account: string; tags: [lowerKey: string, entry: string][] };

function describeFunctions(functions: readonly MatrixFunction[]): (FunctionFacts | null)[] {
  return functions.map((fn) =>
    fn.resourcePolicy
      ? null
      : {
          account: accountOfArn(fn.arn) ?? fn.arn,
          tags: Object.entries(fn.tags)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, v]) => [k.toLowerCase(), JSON.stringify([k, v])]),
        },
  );
}

const RESOURCE_TAG_VARIABLE = /\$\{[^}]*aws:ResourceTag\//i;

function createReachDecider(p: Compiled) {
  const policies = [...p.set.identity, ...(p.set.boundary ? [p.set.boundary] : [])];
  const statements = policies.flatMap((policy) => policy.statements);
  const patterns: ResourcePattern[] = statements.flatMap((s) => s.resources);
  const namesEveryArn = patterns.every((pattern) => pattern.kind === 'all');
  const documents = [...p.principal.policies.map((x) => x.document), p.principal.permissionsBoundary?.document];
  // A variable can read any resource tag: then every tag counts.
  const readsEveryTag = RESOURCE_TAG_VARIABLE.test(JSON.stringify(documents));
  const tagsRead = new Set(statements.flatMap((s) => s.conditions.filter((c) => c.key.startsWith(RESOURCE_TAG)).map((c) => c.key.slice(RESOURCE_TAG.length))));
  const contexts = new Map<string, RequestContext>();
  const answers = new Map<string, boolean>();
  return (fn: MatrixFunction, request: RequestResource, facts: FunctionFacts | null, resource: CompiledPolicy | null): boolean => {
    if (!facts) return isAllowedAny(p, fn, resource);
    let key = facts.account;
    for (const [lowerKey, entry] of facts.tags) if (readsEveryTag || tagsRead.has(lowerKey)) key += `\n${entry}`;
    if (!namesEveryArn) {
      let context = contexts.get(key);
      if (!context) {
        // The function actions carry the same context (no request tags), and it differs only in what the key holds.
        context = buildRequestContext({
          action: FUNCTION_ACTIONS[0],
          principalArn: p.principal.arn,
          resourceArn: fn.arn,
          principalTags: p.principal.tags,
          resourceTags: fn.tags,
        });
        contexts.set(key, context);
      }
      key += '\n';
      for (const pattern of patterns) {
        const hit = matchesResource(pattern, request, context);
        key += hit === true ? 't' : hit === false ? 'f' : 'n';
      }
    }
    let answer = answers.get(key);
    if (answer === undefined) answers.set(key, (answer = isAllowedAny(p, fn, null)));
    return answer;
  };
}

/** The resource tag keys the policies compare against, as written (first spelling wins). */
function listGatingResourceKeys(compiled: Compiled[]): string[] {
  const keys = new Map<string, string>();
  for (const c of compiled) {
    for (const { statement } of c.statements) {
      for (const condition of statement.conditions) {
        if (condition.key.startsWith(RESOURCE_TAG) && !keys.has(condition.key)) keys.set(condition.key, condition.keyText.slice(RESOURCE_TAG.length));
      }
    }
  }
  return [...keys.values()];
}

// Reachability and "matches nothing" come from decisions over every function action.
function findReachability(compiled: Compiled[], functions: readonly MatrixFunction[], findings: AbacFinding[]) {
  const resources = functions.map(compileFunctionPolicy);
  const facts = describeFunctions(functions);
  const requests = functions.map((fn) => toRequestResource(fn.arn));
  const deciders = compiled.map(createReachDecider);
  const reachedBy = compiled.map(() => false);
  const gatingKeys = listGatingResourceKeys(compiled);
  functions.forEach((fn, fi) => {
    let reached = false;
    compiled.forEach((p, pi) => {
      if (reachedBy[pi] && reached) return;
      if ((deciders[pi] as ReturnType<typeof createReachDecider>)(fn, requests[fi] as RequestResource, facts[fi] ?? null, resources[fi] ?? null)) {
        reached = true;
        reachedBy[pi] = true;
      }
    });
    if (reached) return;
    const lowerKeys = new Set(Object.keys(fn.tags).map((k) => k.toLowerCase()));
    const missing = gatingKeys.filter((k) => !lowerKeys.has(k.toLowerCase()));
    findings.push({
      kind: 'unreachableFunction',
      severity: 'medium',
      principal: null,
      function: fn.arn,
      statement: null,
      message:
        missing.length > 0
          ? `No role or user may call any Lambda action on ${fn.name}: it lacks the tag${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that the policies compare (it has ${formatTags(fn.tags)}).`
          : `No role or user may call any Lambda action on ${fn.name}: its tags (${formatTags(fn.tags)}) equal no principal's tags that a policy compares.`,
    });
  });
  compiled.forEach((p, pi) => {
    if (reachedBy[pi]) return;
    // Only principals whose policies compare their own tags: a role with no ABAC policy is not a finding.
    const isAbac = p.statements.some(({ statement }) => statement.conditions.some((c) => c.values.some((v) => PRINCIPAL_TAG_VARIABLE.test(v.raw))));
    if (!isAbac || functions.length === 0) return;
    findings.push({
      kind: 'principalMatchesNothing',
      severity: 'low',
      principal: p.principal.arn,
      function: null,
      statement: null,
      message: `${p.principal.name} (${formatTags(p.principal.tags)}) may call no Lambda action on any of the ${functions.length} functions: its tags match no function's tags.`,
    });
  });
}

// A ForAllValues condition is true when the key is absent ("Set operators for multivalued context
// keys"): `ForAllValues:StringEquals aws:TagKeys [project-name]` alone lets a call with no tags through.
// It is guarded when the same statement also needs the key present (Null false, ForAnyValue) or needs
// a request tag (a positive aws:RequestTag condition is false without tags).
function findVacuousForAllValues(statements: PrincipalStatement[], findings: AbacFinding[]) {
  for (const { ref, statement } of statements) {
    if (statement.effect !== 'Allow') continue;
    for (const condition of statement.conditions) {
      if (condition.operator.set !== 'ForAllValues') continue;
      const isGuarded = statement.conditions.some((other) => {
        if (other === condition) return false;
        if (other.key === condition.key && !other.operator.base) return other.values.some((v) => v.raw.toLowerCase() === 'false');
        if (other.key === condition.key && other.operator.set === 'ForAnyValue' && !other.operator.ifExists) return true;
        const isPositive = other.operator.base && !other.operator.base.negated && !other.operator.ifExists && other.operator.set === null;
        return condition.key === 'aws:tagkeys' && other.key.startsWith(REQUEST_TAG) && isPositive;
      });
      if (isGuarded) continue;
      findings.push({
        kind: 'vacuousForAllValues',
        severity: 'high',
        principal: ref.principal,
        function: null,
        statement: withLabel(ref),
        message: `${describeStatement(ref)} allows with ${condition.operator.text} on ${condition.keyText}, which is true when the request has no ${condition.keyText} at all; add a Null "false" check on the key (or a RequestTag condition) so a call without tags is not let through.`,
      });
    }
  }
}

// StringEquals is case-sensitive: project-name=Falcon never equals falcon, so two spellings split a project.
function findCaseMismatches(principals: readonly MatrixPrincipal[], functions: readonly MatrixFunction[], findings: AbacFinding[]) {
  type Holder = { arn: string; isFunction: boolean };
  const byKey = new Map<string, Map<string, Holder[]>>();
  const add = (key: string, value: string, holder: Holder) => {
    const spellings = byKey.get(`${key.toLowerCase()}=${value.toLowerCase()}`) ?? new Map<string, Holder[]>();
    byKey.set(`${key.toLowerCase()}=${value.toLowerCase()}`, spellings);
    const spelling = `${key}=${value}`;
    spellings.set(spelling, [...(spellings.get(spelling) ?? []), holder]);
  };
  for (const p of principals) for (const [k, v] of Object.entries(p.tags)) add(k, v, { arn: p.arn, isFunction: false });
  for (const f of functions) for (const [k, v] of Object.entries(f.tags)) add(k, v, { arn: f.arn, isFunction: true });
  for (const spellings of byKey.values()) {
    if (spellings.size < 2) continue;
    const list = [...spellings.entries()];
    const described = list.map(([spelling, holders]) => `${spelling} on ${holders.map((h) => nameOf(h.arn)).join(', ')}`).join('; ');
    const first = list.flatMap(([, holders]) => holders);
    findings.push({
      kind: 'tagCaseMismatch',
      severity: 'medium',
      principal: first.find((h) => !h.isFunction)?.arn ?? null,
      function: first.find((h) => h.isFunction)?.arn ?? null,
      statement: null,
      message: `Tags differ only in case (${described}); StringEquals compares case-sensitively, so they never match each other.`,
    });
  }
}

// A principal that may change a function's tags without conditions on which tags can move the
// function into another project and so gain access (the post's "prevent re-tagging" guidance).
function findRetagEscalation(statements: PrincipalStatement[], findings: AbacFinding[]) {
  for (const { ref, statement } of statements) {
    if (statement.effect !== 'Allow' || hasTagConstraint(statement)) continue;
    const actions = RETAG_ACTIONS.filter((a) => statementCoversAction(statement, a));
    if (actions.length === 0) continue;
    findings.push({
      kind: 'retagEscalation',
      severity: 'high',
      principal: ref.principal,
      function: null,
      statement: withLabel(ref),
      message: `${describeStatement(ref)} allows ${actions.join(' and ')} without an aws:RequestTag or aws:TagKeys condition, so ${nameOf(ref.principal)} can re-tag a function into another project and gain its access.`,
    });
  }
}

function hasTagConstraint(statement: CompiledStatement): boolean {
  return statement.conditions.some((c) => c.key === 'aws:tagkeys' || c.key.startsWith(REQUEST_TAG));
}

const PROBE_FUNCTION = toRequestResource('arn:aws:lambda:us-east-1:000000000000:function:any-function');
const EMPTY = new Map<string, string>();

// An Allow on function actions for every function with no aws:ResourceTag condition grants past the
// tags; so does a ResourceTag condition whose value is a wildcard (StringLike "*" or "falcon*").
function findBroadWildcards(statements: PrincipalStatement[], findings: AbacFinding[]) {
  for (const { ref, statement } of statements) {
    if (statement.effect !== 'Allow') continue;
    const actions = FUNCTION_ACTIONS.filter((a) => statementCoversAction(statement, a));
    if (actions.length === 0) continue;
    const coversEvery = statement.isNotResource ? false : statement.resources.some((r) => matchesResource(r, PROBE_FUNCTION, EMPTY) === true);
    const tagConditions = statement.conditions.filter((c) => c.key.startsWith(RESOURCE_TAG));
    if (coversEvery && tagConditions.length === 0) {
      const isAll = actions.length === FUNCTION_ACTIONS.length;
      const isRetagOnly = actions.every((a) => (RETAG_ACTIONS as readonly string[]).includes(a));
      const why = isRetagOnly
        ? `, so ${nameOf(ref.principal)} can re-tag another project's function into its own and gain its access`
        : ', whatever the tags say';
      findings.push({
        kind: 'broadWildcard',
        severity: isAll ? 'high' : 'medium',
        principal: ref.principal,
        function: null,
        statement: withLabel(ref),
        message: `${describeStatement(ref)} allows ${isAll ? 'every Lambda function action' : actions.join(', ')} on every function without an aws:ResourceTag condition${why}.`,
      });
      continue;
    }
    for (const condition of tagConditions) {
      const wild = condition.values.find((v) => !PRINCIPAL_TAG_VARIABLE.test(v.raw) && /[*?]/.test(v.raw) && /like/i.test(condition.operator.text));
      if (!wild || condition.operator.base?.negated) continue;
      findings.push({
        kind: 'broadWildcard',
        severity: wild.raw === '*' ? 'high' : 'low',
        principal: ref.principal,
        function: null,
        statement: withLabel(ref),
        message: `${describeStatement(ref)} compares ${condition.keyText} with the wildcard "${wild.raw}" (${condition.operator.text}), which matches ${wild.raw === '*' ? 'any value' : 'every value with that prefix'}, not one project.`,
      });
    }
  }
}

/** Every finding over a target's principals and functions, most severe first. */
export function listAbacFindings(principals: readonly MatrixPrincipal[], functions: readonly MatrixFunction[]): AbacFinding[] {
  const compiled = principals.map(compilePrincipal);
  const statements = compiled.flatMap((c) => c.statements);
  const findings: AbacFinding[] = [];
  findReachability(compiled, functions, findings);
  findVacuousForAllValues(statements, findings);
  findCaseMismatches(principals, functions, findings);
  findRetagEscalation(statements, findings);
  findBroadWildcards(statements, findings);
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
