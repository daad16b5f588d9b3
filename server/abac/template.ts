import 'server-only';
import type { RequestContext } from '@/server/abac/types';

// Policy strings with wildcards and policy variables, parsed once and matched many times.
// Variables: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
// - `${key}` is replaced by the request's value of a single-valued key; `${key, 'default'}` uses the
//   default when the key is absent ("Specifying default values").
// - `${*}`, `${?}` and `${$}` stand for the literal characters ("Special characters").
// - A variable with no value (and no default) makes the string match nothing ("Request information
//   that you can use for policy variables": "the condition ... evaluates to false").
// - Variables are replaced only in policies with `"Version": "2012-10-17"`; older documents keep the
//   text as written ("Where you can use policy variables", the Version element).

type Part = { kind: 'text'; text: string } | { kind: 'any' } | { kind: 'one' } | { kind: 'var'; key: string; name: string; fallback: string | undefined };

export type TemplateOptions = {
  /** `*` and `?` are wildcards (Action, Resource, *Like operators) rather than plain characters. */
  wildcards: boolean;
  /** Replace `${…}` (policy Version 2012-10-17). */
  variables: boolean;
  /** Compare ignoring case (actions, StringEqualsIgnoreCase). */
  ignoreCase?: boolean;
};

const VARIABLE = /^\s*([^,\s][^,]*?)\s*(?:,\s*'([^']*)'\s*)?$/;
const SPECIAL: Record<string, string> = { '*': '*', '?': '?', $: '$' };

function parseParts(raw: string, options: TemplateOptions): Part[] {
  const parts: Part[] = [];
  let text = '';
  const flush = () => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (options.variables && ch === '$' && raw[i + 1] === '{') {
      const end = raw.indexOf('}', i + 2);
      if (end !== -1) {
        const inner = raw.slice(i + 2, end);
        const special = SPECIAL[inner];
        const variable = special === undefined ? VARIABLE.exec(inner) : null;
        if (special !== undefined) {
          text += special;
          i = end;
          continue;
        }
        if (variable) {
          flush();
          const name = variable[1] as string;
          parts.push({ kind: 'var', key: name.toLowerCase(), name, fallback: variable[2] });
          i = end;
          continue;
        }
      }
    }
    if (options.wildcards && (ch === '*' || ch === '?')) {
      flush();
      parts.push({ kind: ch === '*' ? 'any' : 'one' });
      continue;
    }
    text += ch;
  }
  flush();
  return parts;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The value a variable stands for: a single-valued key's value, else the default, else null. */
function variableValue(part: Extract<Part, { kind: 'var' }>, context: RequestContext): string | null {
  const value = context.get(part.key);
  if (typeof value === 'string') return value;
  return part.fallback ?? null;
}

/** A policy string compiled once: resolve it against a request, or test a value against it. */
export class Template {
  readonly raw: string;
  private readonly parts: Part[];
  private readonly ignoreCase: boolean;
  readonly hasVariables: boolean;
  private readonly hasWildcards: boolean;
  /** Without variables the string (or pattern) is fixed: built once. */
  private readonly fixedText: string | undefined;
  private readonly fixedRegex: RegExp | undefined;
  private lastSource = '';
  private lastRegex: RegExp | undefined;

  constructor(raw: string, options: TemplateOptions) {
    this.raw = raw;
    this.parts = parseParts(raw, options);
    this.ignoreCase = options.ignoreCase ?? false;
    this.hasVariables = this.parts.some((p) => p.kind === 'var');
    this.hasWildcards = this.parts.some((p) => p.kind === 'any' || p.kind === 'one');
    if (!this.hasVariables) {
      if (this.hasWildcards) this.fixedRegex = new RegExp(this.regexSource(new Map()) as string, this.ignoreCase ? 'is' : 's');
      else this.fixedText = this.normalise(this.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(''));
    }
  }

  private normalise(s: string): string {
    return this.ignoreCase ? s.toLowerCase() : s;
  }

  private regexSource(context: RequestContext): string | null {
    let source = '^';
    for (const part of this.parts) {
      if (part.kind === 'text') source += escapeRegex(part.text);
      else if (part.kind === 'any') source += '.*';
      else if (part.kind === 'one') source += '.';
      else {
        const value = variableValue(part, context);
        if (value === null) return null;
        // A substituted value is text, never a wildcard.
        source += escapeRegex(value);
      }
    }
    return source + '$';
  }

  /** The string with its variables replaced (wildcards shown as written); null when a variable has no value. */
  resolve(context: RequestContext): string | null {
    if (!this.hasVariables) return this.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'any' ? '*' : p.kind === 'one' ? '?' : '')).join('');
    let out = '';
    for (const part of this.parts) {
      if (part.kind === 'text') out += part.text;
      else if (part.kind === 'any') out += '*';
      else if (part.kind === 'one') out += '?';
      else {
        const value = variableValue(part, context);
        if (value === null) return null;
        out += value;
      }
    }
    return out;
  }

  /** Whether `value` matches; null when a variable has no value (the string then matches nothing). */
  test(value: string, context: RequestContext): boolean | null {
    if (this.fixedText !== undefined) return this.normalise(value) === this.fixedText;
    if (this.fixedRegex) return this.fixedRegex.test(value);
    if (!this.hasWildcards) {
      const resolved = this.resolve(context);
      return resolved === null ? null : this.normalise(resolved) === this.normalise(value);
    }
    const source = this.regexSource(context);
    if (source === null) return null;
    // Matrices evaluate one principal against many resources: the last pattern is usually the next one.
    if (source !== this.lastSource || !this.lastRegex) {
      this.lastSource = source;
      this.lastRegex = new RegExp(source, this.ignoreCase ? 'is' : 's');
    }
    return this.lastRegex.test(value);
  }
}
