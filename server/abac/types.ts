import 'server-only';

/** A policy document as IAM accepts it: single values or arrays, a statement or a list of them. */
export type PolicyDocument = {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
};

/** Condition block: operator -> context key -> one value or a list (numbers and booleans allowed). */
export type ConditionBlock = Record<string, Record<string, ConditionValue | ConditionValue[]>>;
export type ConditionValue = string | number | boolean;

export type PolicyStatement = {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: ConditionBlock;
};

/** A context value: single-valued keys hold a string, multivalued keys (`aws:TagKeys`) a list. */
export type ContextValue = string | readonly string[];

/** Request context, keyed by the lower-cased key name (IAM compares condition key names case-insensitively). */
export type RequestContext = ReadonlyMap<string, ContextValue>;

/** Which policy a statement came from. */
export type PolicyKind = 'identity' | 'permissionsBoundary' | 'resourcePolicy';

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/**
 * A statement that decided the answer. `policyIndex` is the position in `policies` for identity
 * policies; the permissions boundary is `policies.length` and the resource policy `policies.length + 1`.
 */
export type DecidingStatement = { policyIndex: number; sid: string | null; effect: 'Allow' | 'Deny' };

/** One condition as it was evaluated: the policy's values, what they and the key resolved to, and the result. */
export type ConditionExplanation = {
  operator: string;
  key: string;
  values: string[];
  resolved: {
    /** The policy values after variable substitution; null where a variable had no value. */
    values: (string | null)[];
    /** The request's value(s) for the key; null when the key is absent. */
    keyValues: string[] | null;
  };
  result: boolean;
};

/** The answer of one evaluation, with its explanation. */
export type DecisionResult = {
  decision: Decision;
  decidingStatements: DecidingStatement[];
  conditions: ConditionExplanation[];
};
