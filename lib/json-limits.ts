/**
 * Limits every JSON request body keeps, checked before zod sees it: zod walks values recursively, so
 * a body nested thousands of levels deep would overflow the stack, and zod drops `__proto__` keys
 * from records silently instead of reporting them.
 */

/** Deepest nesting of arrays and objects a JSON body may have; real requests stay under ten. */
export const MAX_JSON_DEPTH = 64;

/** Largest JSON request body: 1 MiB holds any field's own AWS limit (execution input: 256 KiB) with room for escaping. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** The key that would replace an object's prototype if copied into a plain object. */
const PROTOTYPE_KEY = '__proto__';

export type JsonProblem =
  /** `field` is the top-level field holding the too-deep value (`body` when the body itself is). */
  | { kind: 'too-deep'; field: string }
  /** `field` is the dotted path of the `__proto__` key, e.g. `tags.__proto__`. */
  | { kind: 'prototype-key'; field: string };

/**
 * The first way a parsed JSON value breaks the body rules (too deep, or a `__proto__` key unless
 * `allowPrototypeKey`), or null. Walks with its own stack, never recursion, so any depth JSON.parse
 * accepts is safe to check.
 */
export function findJsonProblem(value: unknown, { maxDepth = MAX_JSON_DEPTH, allowPrototypeKey = false } = {}): JsonProblem | null {
  type Item = { value: unknown; depth: number; key: string | null; parent: Item | null };
  const pathOf = (item: Item): string[] => {
    const path: string[] = [];
    for (let at: Item | null = item; at && at.key !== null; at = at.parent) path.unshift(at.key);
    return path;
  };
  const stack: Item[] = [{ value, depth: 1, key: null, parent: null }];
  while (stack.length) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth > maxDepth) return { kind: 'too-deep', field: pathOf(item)[0] ?? 'body' };
    const entries: [string, unknown][] = Array.isArray(item.value) ? item.value.map((child, i) => [String(i), child]) : Object.entries(item.value);
    for (const [key, child] of entries) {
      const next: Item = { value: child, depth: item.depth + 1, key, parent: item };
      if (key === PROTOTYPE_KEY && !allowPrototypeKey && !Array.isArray(item.value)) return { kind: 'prototype-key', field: pathOf(next).join('.') };
      stack.push(next);
    }
  }
  return null;
}
