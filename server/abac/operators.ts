import 'server-only';
import { isIpInRange, parseCidr, parseIp, type IpRange } from '@/server/abac/ip';
import { Template } from '@/server/abac/template';
import type { RequestContext } from '@/server/abac/types';

// The condition operators of "IAM JSON policy elements: Condition operators"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
// Each base operator compiles a policy value once and tests one request value against it:
// true, false, or null when the comparison cannot be made (a value that is not a number, date, address
// or ARN, or a policy variable without a value). A positive operator matches when any policy value
// tests true (values are OR'd); a negated one when every policy value tests false ("the request value
// must not match any of the values"), so a value that cannot be compared fails both.

export type CompiledValue = {
  raw: string;
  test: (requestValue: string, context: RequestContext) => boolean | null;
  resolve: (context: RequestContext) => string | null;
};

export type BaseOperator = {
  /** Canonical name, e.g. StringNotLike. */
  name: string;
  /** Negated operators (StringNotEquals, ArnNotLike, NotIpAddress, …) match a missing key. */
  negated: boolean;
  compile: (raw: string, variables: boolean) => CompiledValue;
};

const fixed = (raw: string) => () => raw;

function templateValue(options: { wildcards: boolean; ignoreCase?: boolean }) {
  return (raw: string, variables: boolean): CompiledValue => {
    const template = new Template(raw, { ...options, variables });
    return { raw, test: (value, context) => template.test(value, context), resolve: (context) => template.resolve(context) };
  };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const parseNumber = (text: string): number | null => (NUMBER.test(text.trim()) ? Number(text) : null);

function numericValue(compare: (request: number, policy: number) => boolean) {
  return (raw: string): CompiledValue => {
    const policy = parseNumber(raw);
    return {
      raw,
      resolve: fixed(raw),
      test: (value) => {
        const request = parseNumber(value);
        return policy === null || request === null ? null : compare(request, policy);
      },
    };
  };
}

// Dates are W3C ISO 8601 forms or epoch seconds ("Date condition operators").
function parseDate(text: string): number | null {
  if (/^-?\d+$/.test(text)) return Number(text) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

function dateValue(compare: (request: number, policy: number) => boolean) {
  return (raw: string): CompiledValue => {
    const policy = parseDate(raw);
    return {
      raw,
      resolve: fixed(raw),
      test: (value) => {
        const request = parseDate(value);
        return policy === null || request === null ? null : compare(request, policy);
      },
    };
  };
}

const isBool = (s: string) => s === 'true' || s === 'false';

function boolValue(raw: string, variables: boolean): CompiledValue {
  const template = new Template(raw, { wildcards: false, variables });
  return {
    raw,
    resolve: (context) => template.resolve(context),
    test: (value, context) => {
      const policy = template.resolve(context)?.toLowerCase();
      const request = value.toLowerCase();
      if (policy === undefined || !isBool(policy) || !isBool(request)) return null;
      return policy === request;
    },
  };
}

function ipValue(raw: string): CompiledValue {
  const range: IpRange | null = parseCidr(raw);
  return {
    raw,
    resolve: fixed(raw),
    test: (value) => {
      const ip = parseIp(value);
      return range === null || ip === null ? null : isIpInRange(ip, range);
    },
  };
}

/**
 * Splits an ARN into its six parts (the resource part keeps its colons); null when it is not an ARN.
 * With `variables`, a colon inside `${…}` (every variable has one: `${aws:username}`) splits nothing.
 */
export function splitArn(arn: string, variables = false): [string, string, string, string, string, string] | null {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (parts.length < 5 && i < arn.length) {
    if (variables && arn[i] === '$' && arn[i + 1] === '{') {
      const end = arn.indexOf('}', i + 2);
      if (end !== -1) {
        i = end + 1;
        continue;
      }
    }
    if (arn[i] === ':') {
      parts.push(arn.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  if (parts.length < 5) return null;
  parts.push(arn.slice(start));
  if (parts[0] !== 'arn') return null;
  return parts as [string, string, string, string, string, string];
}

// ArnEquals and ArnLike are the same test: each of the six colon-delimited parts must match, with
// wildcards, case-sensitively ("Amazon Resource Name (ARN) condition operators").
function arnValue(raw: string, variables: boolean): CompiledValue {
  const parts = splitArn(raw, variables);
  const templates = parts?.map((part) => new Template(part, { wildcards: true, variables }));
  return {
    raw,
    resolve: (context) => {
      if (!templates) return raw;
      const resolved = templates.map((t) => t.resolve(context));
      return resolved.some((r) => r === null) ? null : resolved.join(':');
    },
    test: (value, context) => {
      const request = splitArn(value);
      if (!templates || !request) return null;
      for (let i = 0; i < 6; i++) {
        const result = (templates[i] as Template).test(request[i] as string, context);
        if (result !== true) return result;
      }
      return true;
    },
  };
}

function binaryValue(raw: string, variables: boolean): CompiledValue {
  const template = new Template(raw, { wildcards: false, variables });
  return { raw, resolve: (context) => template.resolve(context), test: (value, context) => template.test(value, context) };
}

const stringEquals = templateValue({ wildcards: false });
const stringEqualsIgnoreCase = templateValue({ wildcards: false, ignoreCase: true });
const stringLike = templateValue({ wildcards: true });
const noVariables = (compile: (raw: string) => CompiledValue) => (raw: string) => compile(raw);

const definitions: [string, boolean, BaseOperator['compile']][] = [
  ['StringEquals', false, stringEquals],
  ['StringNotEquals', true, stringEquals],
  ['StringEqualsIgnoreCase', false, stringEqualsIgnoreCase],
  ['StringNotEqualsIgnoreCase', true, stringEqualsIgnoreCase],
  ['StringLike', false, stringLike],
  ['StringNotLike', true, stringLike],
  ['NumericEquals', false, noVariables(numericValue((r, p) => r === p))],
  ['NumericNotEquals', true, noVariables(numericValue((r, p) => r === p))],
  ['NumericLessThan', false, noVariables(numericValue((r, p) => r < p))],
  ['NumericLessThanEquals', false, noVariables(numericValue((r, p) => r <= p))],
  ['NumericGreaterThan', false, noVariables(numericValue((r, p) => r > p))],
  ['NumericGreaterThanEquals', false, noVariables(numericValue((r, p) => r >= p))],
  ['DateEquals', false, noVariables(dateValue((r, p) => r === p))],
  ['DateNotEquals', true, noVariables(dateValue((r, p) => r === p))],
  ['DateLessThan', false, noVariables(dateValue((r, p) => r < p))],
  ['DateLessThanEquals', false, noVariables(dateValue((r, p) => r <= p))],
  ['DateGreaterThan', false, noVariables(dateValue((r, p) => r > p))],
  ['DateGreaterThanEquals', false, noVariables(dateValue((r, p) => r >= p))],
  ['Bool', false, boolValue],
  ['BinaryEquals', false, binaryValue],
  ['IpAddress', false, noVariables(ipValue)],
  ['NotIpAddress', true, noVariables(ipValue)],
  ['ArnEquals', false, arnValue],
  ['ArnLike', false, arnValue],
  ['ArnNotEquals', true, arnValue],
  ['ArnNotLike', true, arnValue],
];

const byLowerName = new Map<string, BaseOperator>(definitions.map(([name, negated, compile]) => [name.toLowerCase(), { name, negated, compile }]));

/** Every base operator name, Null included. */
export const BASE_OPERATOR_NAMES: readonly string[] = [...definitions.map(([name]) => name), 'Null'];

export type ParsedOperator = {
  /** As written in the policy. */
  text: string;
  set: 'ForAllValues' | 'ForAnyValue' | null;
  ifExists: boolean;
  /** null for the Null operator. */
  base: BaseOperator | null;
};

/**
 * Parses `[ForAllValues:|ForAnyValue:]<Operator>[IfExists]`; null when it names no operator. Null takes
 * neither a set prefix nor IfExists.
 */
export function parseOperator(text: string): ParsedOperator | null {
  const match = /^(?:(ForAllValues|ForAnyValue):)?(.+?)(IfExists)?$/i.exec(text);
  if (!match) return null;
  const setText = match[1]?.toLowerCase();
  const set = setText === 'forallvalues' ? 'ForAllValues' : setText === 'foranyvalue' ? 'ForAnyValue' : null;
  const name = (match[2] as string).toLowerCase();
  const ifExists = match[3] !== undefined;
  if (name === 'null') return set || ifExists ? null : { text, set: null, ifExists: false, base: null };
  const base = byLowerName.get(name);
  return base ? { text, set, ifExists, base } : null;
}
