import 'server-only';

/**
 * One value per server process, whichever of Next's bundles asks for it. Next compiles pages, route
 * handlers and `instrumentation.ts` into separate bundles, each with its own copy of a module, so a
 * module-level cache would be filled (and held in memory) once per bundle: the blueprint library three
 * times over, and the start-up warm-up would warm a copy no request reads. Keyed on globalThis by a
 * registered symbol, which every copy of this module finds the same.
 */
export function processWide<T>(name: string, create: () => T): T {
  const store = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`slipway.${name}`);
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}
