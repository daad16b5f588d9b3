import { JSONPath } from 'jsonpath-plus';

// The JSONPath subset ASL uses, on top of jsonpath-plus (MIT): `$`, `$.a.b`, `$.a[0]`, `$['x']`, `$..x`,
// `[*]`, slices, and filters like `[?(@.Key==Name)]`. Step Functions rules layered on top:
//  - a definite path (no `..`, `*`, filter, union or slice) yields one value, an indefinite one a list;
//  - a path that selects nothing is a States.Runtime error, as in the execution itself;
//  - `$$` addresses the context object.

/** A JSONPath or ResultPath problem; Step Functions reports these as States.Runtime. */
export class JsonPathError extends Error {
  readonly error = 'States.Runtime';
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}

function stripQuoted(path: string): string {
  return path.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
}

/** True when the path can only ever select one node (so the result is that value, not a list). */
export function isDefinitePath(path: string): boolean {
  const bare = stripQuoted(path);
  return !/\.\.|\*|\[\s*\?|\[[^\]]*[,:][^\]]*\]|@/.test(bare);
}

const FILTER_LITERAL_KEYWORDS = new Set(['true', 'false', 'null']);

/**
 * Step Functions (Jayway JsonPath) accepts bare words in filters, `[?(@.Key==Name)]`; jsonpath-plus
 * would read `Name` as a variable, so quote them. `.length()` is Jayway's array length.
 */
function toJsonPathPlusSyntax(path: string): string {
  const withLength = path.replace(/\.length\(\)/g, '.length');
  return withLength.replace(/\[\?\((.*?)\)\]/g, (_match, expression: string) => {
    const quoted = expression.replace(
      /('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|([@$](?:\.[\w$-]+|\[(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\]]*)\])*)|\b([A-Za-z_][\w-]*)\b/g,
      (token: string, literal?: string, reference?: string, word?: string) => {
        if (literal || reference) return token;
        if (word && !FILTER_LITERAL_KEYWORDS.has(word) && !/^\d/.test(word)) return `'${word}'`;
        return token;
      },
    );
    return `[?(${quoted})]`;
  });
}

function describeInput(document: unknown): string {
  const text = JSON.stringify(document) ?? 'undefined';
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/** Select with an ASL path: definite paths give the value, indefinite ones an array; nothing found throws. */
export function queryPath(document: unknown, path: string, context?: unknown): unknown {
  if (path.startsWith('$$')) return queryPath(context, path.slice(1), undefined);
  if (!path.startsWith('$')) throw new JsonPathError(`The path '${path}' must start with '$'`);
  if (path === '$') return document;
  if (document === undefined) throw new JsonPathError(`The JSONPath '${path}' could not be found: there is no input`);

  let matches: unknown[];
  try {
    matches = JSONPath({
      path: toJsonPathPlusSyntax(path),
      json: document as null | boolean | number | string | object | unknown[],
      wrap: true,
      eval: 'safe',
      resultType: 'value',
    }) as unknown[];
  } catch (error) {
    throw new JsonPathError(`The JSONPath '${path}' is invalid: ${(error as Error).message}`);
  }
  if (!Array.isArray(matches) || matches.length === 0) {
    throw new JsonPathError(`The JSONPath '${path}' could not be found in the input '${describeInput(document)}'`);
  }
  return isDefinitePath(path) ? matches[0] : matches;
}

type PathSegment = string | number;

/** Parse a reference path (ResultPath): `$`, `$.a.b`, `$['a b']`, `$.list[2]`; nothing indefinite. */
export function parseReferencePath(path: string): PathSegment[] {
  if (!path.startsWith('$')) throw new JsonPathError(`The ResultPath '${path}' must start with '$'`);
  const segments: PathSegment[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (!match) throw new JsonPathError(`The ResultPath '${path}' is not a valid reference path`);
    const [, dotName, index, single, double] = match;
    if (index !== undefined) segments.push(Number(index));
    else segments.push((dotName ?? single ?? double ?? '').replace(/\\(.)/g, '$1'));
  }
  return segments;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Put `value` at a reference path inside a copy of `document` (ResultPath), creating missing objects. */
export function setAtReferencePath(document: unknown, path: string, value: unknown): unknown {
  const segments = parseReferencePath(path);
  if (segments.length === 0) return value;
  const write = (target: unknown, depth: number): unknown => {
    const segment = segments[depth]!;
    const rest = depth + 1 < segments.length;
    if (typeof segment === 'number') {
      if (!Array.isArray(target) || segment >= target.length) {
        throw new JsonPathError(`Unable to apply ResultPath '${path}': index ${segment} is not in the input`);
      }
      const copy = [...target];
      copy[segment] = rest ? write(copy[segment], depth + 1) : value;
      return copy;
    }
    if (target !== undefined && !isPlainObject(target)) {
      throw new JsonPathError(`Unable to apply ResultPath '${path}' to input '${describeInput(document)}': not an object`);
    }
    const copy: Record<string, unknown> = { ...(target ?? {}) };
    copy[segment] = rest ? write(copy[segment], depth + 1) : value;
    return copy;
  };
  return write(document, 0);
}
