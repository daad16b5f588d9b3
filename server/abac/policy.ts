import 'server-only';
import type { CompiledCondition } from '@/server/abac/conditions';
import { parseOperator } from '@/server/abac/operators';
import { compileResourcePattern, type ResourcePattern } from '@/server/abac/resources';
import { Template } from '@/server/abac/template';
import type { PolicyKind } from '@/server/abac/types';

// Parses and normalises a policy document once ("IAM JSON policy element reference",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html): single values
// become lists, condition values become strings, and every string is compiled into the matcher it
// will be tested with, so a matrix of many requests parses each policy once.

/** A statement ready to evaluate. */
export type CompiledStatement = {
  policyIndex: number;
  sid: string | null;
  effect: 'Allow' | 'Deny';
  actions: Template[];
  isNotAction: boolean;
  resources: ResourcePattern[];
  isNotResource: boolean;
  /** Resource policies only: who the statement names. */
  principals: PrincipalSpec | null;
  conditions: CompiledCondition[];
};

/** `Principal` of a resource-policy statement: `*`, or AWS principals (ARNs or account ids). */
export type PrincipalSpec = { isAnyone: boolean; aws: string[] };

export type CompiledPolicy = { kind: PolicyKind; index: number; statements: CompiledStatement[] };

/** A policy that cannot be evaluated: `field` is the path inside the policy, `rule` what it breaks. */
export class PolicyError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'PolicyError';
  }
}

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const ACTION = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringList(value: unknown, field: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new PolicyError(field, 'must name at least one value');
  return list.map((item, i) => {
    if (typeof item !== 'string' || item.length === 0) throw new PolicyError(Array.isArray(value) ? `${field}.${i}` : field, 'must be a non-empty string');
    return item;
  });
}

function compilePrincipal(value: unknown, field: string): PrincipalSpec {
  if (value === '*') return { isAnyone: true, aws: [] };
  if (!isRecord(value)) throw new PolicyError(field, 'must be "*" or an object such as { "AWS": [...] }');
  const aws: string[] = [];
  let isAnyone = false;
  for (const [kind, names] of Object.entries(value)) {
    const list = stringList(names, `${field}.${kind}`);
    // Service, Federated and CanonicalUser principals never name an IAM user or role.
    if (kind !== 'AWS') continue;
    for (const name of list) {
      if (name === '*') isAnyone = true;
      else aws.push(name);
    }
  }
  return { isAnyone, aws };
}

function compileConditions(value: unknown, field: string, variables: boolean): CompiledCondition[] {
  if (!isRecord(value)) throw new PolicyError(field, 'must be an object of operators');
  const out: CompiledCondition[] = [];
  for (const [operatorText, block] of Object.entries(value)) {
    const operator = parseOperator(operatorText);
    const opField = `${field}.${operatorText}`;
    if (!operator) throw new PolicyError(opField, 'is not a condition operator (see "IAM JSON policy elements: Condition operators")');
    if (!isRecord(block) || Object.keys(block).length === 0) throw new PolicyError(opField, 'must map at least one context key to its values');
    for (const [keyText, raw] of Object.entries(block)) {
      const keyField = `${opField}.${keyText}`;
      const list = Array.isArray(raw) ? raw : [raw];
      const strings = list.map((item, i) => {
        if (typeof item === 'string') return item;
        if (typeof item === 'number' || typeof item === 'boolean') return String(item);
        throw new PolicyError(Array.isArray(raw) ? `${keyField}.${i}` : keyField, 'must be a string, number or boolean');
      });
      if (!operator.base && strings.some((s) => s.toLowerCase() !== 'true' && s.toLowerCase() !== 'false')) {
        throw new PolicyError(keyField, 'Null takes "true" or "false"');
      }
      const base = operator.base;
      out.push({
        operator,
        keyText,
        key: keyText.toLowerCase(),
        values: strings.map((s) => (base ? base.compile(s, variables) : { raw: s, test: () => null, resolve: () => s })),
      });
    }
  }
  return out;
}

function compileStatement(raw: unknown, field: string, kind: PolicyKind, policyIndex: number, variables: boolean): CompiledStatement {
  if (!isRecord(raw)) throw new PolicyError(field, 'must be an object');
  for (const key of Object.keys(raw)) if (!STATEMENT_KEYS.has(key)) throw new PolicyError(`${field}.${key}`, 'is not a statement element');
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') throw new PolicyError(`${field}.Effect`, 'must be "Allow" or "Deny"');
  if (raw.Sid !== undefined && typeof raw.Sid !== 'string') throw new PolicyError(`${field}.Sid`, 'must be a string');
  if ((raw.Action === undefined) === (raw.NotAction === undefined)) throw new PolicyError(`${field}.Action`, 'exactly one of Action and NotAction is required');
  if ((raw.Resource === undefined) === (raw.NotResource === undefined))
    throw new PolicyError(`${field}.Resource`, 'exactly one of Resource and NotResource is required');
  if (raw.NotPrincipal !== undefined) throw new PolicyError(`${field}.NotPrincipal`, 'is not supported (name the principals with Principal)');
  if (kind === 'resourcePolicy' && raw.Principal === undefined)
    throw new PolicyError(`${field}.Principal`, 'a resource policy statement must name its Principal');
  if (kind !== 'resourcePolicy' && raw.Principal !== undefined) throw new PolicyError(`${field}.Principal`, 'only resource policies name a Principal');

  const actionField = raw.Action !== undefined ? `${field}.Action` : `${field}.NotAction`;
  const actions = stringList(raw.Action ?? raw.NotAction, actionField).map((a, i) => {
    if (!ACTION.test(a)) throw new PolicyError(actionField, `"${a}" (entry ${i}) must be "*" or service:action, wildcards * and ? allowed`);
    return new Template(a, { wildcards: true, variables: false, ignoreCase: true });
  });
  const resourceField = raw.Resource !== undefined ? `${field}.Resource` : `${field}.NotResource`;
  const resources = stringList(raw.Resource ?? raw.NotResource, resourceField).map((r) => compileResourcePattern(r, variables));
  return {
    policyIndex,
    sid: typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : null,
    effect: raw.Effect,
    actions,
    isNotAction: raw.Action === undefined,
    resources,
    isNotResource: raw.Resource === undefined,
    principals: raw.Principal === undefined ? null : compilePrincipal(raw.Principal, `${field}.Principal`),
    conditions: raw.Condition === undefined ? [] : compileConditions(raw.Condition, `${field}.Condition`, variables),
  };
}

/**
 * Compiles one policy document. `policyIndex` is what decisions report for its statements. Throws a
 * PolicyError naming the element (relative to the document) when the document is not a policy.
 */
export function compilePolicy(document: unknown, kind: PolicyKind, policyIndex: number): CompiledPolicy {
  if (!isRecord(document)) throw new PolicyError('', 'must be a policy document object');
  for (const key of Object.keys(document)) {
    if (key !== 'Version' && key !== 'Id' && key !== 'Statement') throw new PolicyError(key, 'is not a policy element (Version, Id, Statement)');
  }
  const version = document.Version;
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') throw new PolicyError('Version', 'must be "2012-10-17" or "2008-10-17"');
  // Only the 2012-10-17 language has policy variables; in older documents `${…}` is plain text.
  const variables = version === '2012-10-17';
  const raw = document.Statement;
  if (raw === undefined) throw new PolicyError('Statement', 'is required');
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new PolicyError('Statement', 'must hold at least one statement');
  const statements = list.map((s, i) => compileStatement(s, Array.isArray(raw) ? `Statement.${i}` : 'Statement', kind, policyIndex, variables));
  return { kind, index: policyIndex, statements };
}
