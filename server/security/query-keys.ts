import 'server-only';
/**
 * Query keys Next.js loses: it parses the query string into a plain object before a route runs, and
 * assigning `__proto__` there sets the object's prototype instead of a field, so a route could never
 * name it in a 422. The proxy reads the raw query and refuses these itself.
 */
const LOST_KEYS = new Set(['__proto__']);

/** The keys of a raw query string (`?a=1&__proto__=2`) that no route would see. */
export function queryKeysRoutesCannotSee(search: string): string[] {
  return [...new Set([...new URLSearchParams(search).keys()].filter((key) => LOST_KEYS.has(key)))];
}

/** The API's 422 body for those keys, naming each as an unknown field (a map without a prototype, so `__proto__` is a field). */
export function unknownQueryKeysBody(keys: readonly string[]) {
  const fields: Record<string, string[]> = Object.create(null);
  for (const key of keys) fields[key] = [`${key} is not a known field`];
  return { error: { code: 'VALIDATION', message: `Invalid input — ${keys.map((k) => `${k}: ${k} is not a known field`).join('; ')}`, fields } };
}
