import { JsonPathError, queryPath } from './jsonpath';

// ASL intrinsic functions (`States.Format('{} items', $.count)`) for `.$` fields, so the step panel can
// show what Parameters/ResultSelector produced. Functions whose result is random or needs a hash
// (UUID, MathRandom, Hash) are reported as not reproducible rather than faked.

/** An intrinsic that cannot be parsed or fails at run time; Step Functions raises States.IntrinsicFailure. */
export class IntrinsicError extends Error {
  readonly error = 'States.IntrinsicFailure';
  constructor(message: string) {
    super(message);
    this.name = 'IntrinsicError';
  }
}

type Argument = { kind: 'literal'; value: unknown; raw?: string } | { kind: 'path'; path: string } | { kind: 'call'; name: string; args: Argument[] };

/** True for a `.$` value that is an intrinsic call rather than a path. */
export function isIntrinsicCall(expression: string): boolean {
  return /^States\.[A-Za-z0-9]+\(/.test(expression.trim());
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): Argument {
    const call = this.call();
    this.skipSpace();
    if (this.pos !== this.text.length) this.fail('unexpected text after the closing parenthesis');
    return call;
  }

  private fail(message: string): never {
    throw new IntrinsicError(`${message} at position ${this.pos} of '${this.text}'`);
  }

  private skipSpace() {
    while (this.text[this.pos] === ' ') this.pos++;
  }

  private call(): Argument {
    const match = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.pos));
    if (!match) this.fail('expected a States.* function');
    this.pos += match[0].length;
    if (this.text[this.pos] !== '(') this.fail("expected '('");
    this.pos++;
    const args: Argument[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name: match[0], args };
    }
    for (;;) {
      this.skipSpace();
      args.push(this.argument());
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === ')') return { kind: 'call', name: match[0], args };
      if (next !== ',') this.fail("expected ',' or ')'");
    }
  }

  private argument(): Argument {
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("'")) return this.stringLiteral();
    if (rest.startsWith('States.')) return this.call();
    if (rest.startsWith('$')) return { kind: 'path', path: this.pathText() };
    const literal = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(rest);
    if (!literal) this.fail('expected a string, number, boolean, null, path or function');
    this.pos += literal[0].length;
    return { kind: 'literal', value: JSON.parse(literal[0]) };
  }

  /** A path runs to the next top-level `,` or `)`: brackets, filters and quotes may contain both. */
  private pathText(): string {
    const start = this.pos;
    let depth = 0;
    let quote: string | undefined;
    for (; this.pos < this.text.length; this.pos++) {
      const ch = this.text[this.pos]!;
      if (quote) {
        if (ch === '\\') this.pos++;
        else if (ch === quote) quote = undefined;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '[' || ch === '(') depth++;
      else if (ch === ']' || (ch === ')' && depth > 0)) depth--;
      else if (depth === 0 && (ch === ',' || ch === ')')) break;
    }
    return this.text.slice(start, this.pos).trim();
  }

  /** `'...'` with `\'` and `\\` escapes; `\{` `\}` stay escaped in `raw` for States.Format. */
  private stringLiteral(): Argument {
    this.pos++;
    let raw = '';
    for (;;) {
      const ch = this.text[this.pos++];
      if (ch === undefined) this.fail('unterminated string');
      if (ch === "'") break;
      if (ch === '\\') {
        const escaped = this.text[this.pos++];
        if (escaped === undefined) this.fail('unterminated escape');
        raw += escaped === '{' || escaped === '}' ? `\\${escaped}` : escaped;
      } else raw += ch;
    }
    return { kind: 'literal', value: raw.replace(/\\([{}])/g, '$1'), raw };
  }
}

function expectArgs(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min}-${max}`;
    throw new IntrinsicError(`${name} expects ${expected} argument(s), got ${args.length}`);
  }
}

function expectArray(name: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new IntrinsicError(`${name} expects an array, got ${JSON.stringify(value)}`);
  return value;
}

function expectNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new IntrinsicError(`${name} expects a number, got ${JSON.stringify(value)}`);
  return value;
}

function expectString(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new IntrinsicError(`${name} expects a string, got ${JSON.stringify(value)}`);
  return value;
}

function formatTemplate(template: string, values: unknown[]): string {
  let next = 0;
  const out = template.replace(/\\([{}])|\{\}/g, (match, escaped?: string) => {
    if (escaped) return escaped;
    if (next >= values.length) throw new IntrinsicError(`States.Format has more {} than arguments`);
    const value = values[next++];
    if (typeof value === 'object' && value !== null) {
      throw new IntrinsicError('States.Format arguments must be scalars');
    }
    return typeof value === 'string' ? value : String(value);
  });
  if (next !== values.length) throw new IntrinsicError(`States.Format has more arguments than {}`);
  return out;
}

function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(encoded: string): string {
  const binary = atob(encoded);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type Implementation = (args: unknown[], raw: (string | undefined)[]) => unknown;

const FUNCTIONS: Record<string, Implementation> = {
  'States.Format': (args, raw) => {
    if (args.length === 0) throw new IntrinsicError('States.Format needs a template');
    const template = raw[0] ?? expectString('States.Format', args[0]);
    return formatTemplate(template, args.slice(1));
  },
  'States.StringToJson': (args) => {
    expectArgs('States.StringToJson', args, 1);
    try {
      return JSON.parse(expectString('States.StringToJson', args[0]));
    } catch (error) {
      if (error instanceof IntrinsicError) throw error;
      throw new IntrinsicError(`States.StringToJson: ${(error as Error).message}`);
    }
  },
  'States.JsonToString': (args) => {
    expectArgs('States.JsonToString', args, 1);
    return JSON.stringify(args[0]);
  },
  'States.Array': (args) => args,
  'States.ArrayLength': (args) => {
    expectArgs('States.ArrayLength', args, 1);
    return expectArray('States.ArrayLength', args[0]).length;
  },
  'States.ArrayGetItem': (args) => {
    expectArgs('States.ArrayGetItem', args, 2);
    const list = expectArray('States.ArrayGetItem', args[0]);
    const index = expectNumber('States.ArrayGetItem', args[1]);
    if (index < 0 || index >= list.length) throw new IntrinsicError(`States.ArrayGetItem: index ${index} out of range`);
    return list[index];
  },
  'States.ArrayContains': (args) => {
    expectArgs('States.ArrayContains', args, 2);
    return expectArray('States.ArrayContains', args[0]).some((item) => deepEqual(item, args[1]));
  },
  'States.ArrayRange': (args) => {
    expectArgs('States.ArrayRange', args, 3);
    const [start, end, step] = args.map((a) => expectNumber('States.ArrayRange', a)) as [number, number, number];
    if (step === 0) throw new IntrinsicError('States.ArrayRange: step must not be 0');
    const out: number[] = [];
    for (let i = start; step > 0 ? i <= end : i >= end; i += step) {
      out.push(i);
      if (out.length > 1000) throw new IntrinsicError('States.ArrayRange: more than 1000 items');
    }
    return out;
  },
  'States.ArrayPartition': (args) => {
    expectArgs('States.ArrayPartition', args, 2);
    const list = expectArray('States.ArrayPartition', args[0]);
    const size = expectNumber('States.ArrayPartition', args[1]);
    if (size <= 0) throw new IntrinsicError('States.ArrayPartition: chunk size must be positive');
    const out: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
    return out;
  },
  'States.ArrayUnique': (args) => {
    expectArgs('States.ArrayUnique', args, 1);
    const seen = new Set<string>();
    return expectArray('States.ArrayUnique', args[0]).filter((item) => {
      const key = JSON.stringify(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
  'States.JsonMerge': (args) => {
    expectArgs('States.JsonMerge', args, 3);
    const [left, right, deep] = args;
    if (deep !== false) throw new IntrinsicError('States.JsonMerge supports only shallow mode (third argument false)');
    if (typeof left !== 'object' || left === null || typeof right !== 'object' || right === null) {
      throw new IntrinsicError('States.JsonMerge expects two objects');
    }
    return { ...left, ...right };
  },
  'States.MathAdd': (args) => {
    expectArgs('States.MathAdd', args, 2);
    return expectNumber('States.MathAdd', args[0]) + expectNumber('States.MathAdd', args[1]);
  },
  'States.StringSplit': (args) => {
    expectArgs('States.StringSplit', args, 2);
    const text = expectString('States.StringSplit', args[0]);
    const delimiters = expectString('States.StringSplit', args[1]);
    const escaped = [...delimiters].map((c) => c.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')).join('');
    return text.split(new RegExp(`[${escaped}]`)).filter((part) => part.length > 0);
  },
  'States.Base64Encode': (args) => {
    expectArgs('States.Base64Encode', args, 1);
    return toBase64(expectString('States.Base64Encode', args[0]));
  },
  'States.Base64Decode': (args) => {
    expectArgs('States.Base64Decode', args, 1);
    return fromBase64(expectString('States.Base64Decode', args[0]));
  },
};

function evaluate(argument: Argument, input: unknown, context: unknown): unknown {
  if (argument.kind === 'literal') return argument.value;
  if (argument.kind === 'path') return queryPath(input, argument.path, context);
  const implementation = FUNCTIONS[argument.name];
  if (!implementation) {
    throw new IntrinsicError(`${argument.name} is not supported here (its result cannot be reproduced)`);
  }
  const values = argument.args.map((a) => evaluate(a, input, context));
  const raw = argument.args.map((a) => (a.kind === 'literal' ? a.raw : undefined));
  return implementation(values, raw);
}

/** Evaluate an intrinsic call such as `States.Format('order {}', $.id)` against a state's input. */
export function evaluateIntrinsic(expression: string, input: unknown, context?: unknown): unknown {
  const call = new Parser(expression.trim()).parse();
  try {
    return evaluate(call, input, context);
  } catch (error) {
    if (error instanceof IntrinsicError || error instanceof JsonPathError) throw error;
    throw new IntrinsicError(`${expression}: ${(error as Error).message}`);
  }
}
