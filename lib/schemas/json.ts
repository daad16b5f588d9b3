import { z } from 'zod';

/**
 * Any JSON value, for bodies the API has already read with JSON.parse (whose nested values are JSON by
 * construction, so arrays and objects need no schema for their members).
 *
 * Not `z.json()`: that schema is recursive, and a recursive union with an array branch cannot be typed
 * by openapi-typescript's output (TypeScript reports it as referencing itself, and every body using it
 * stops type-checking). Registered under an id so the OpenAPI document names it once, `JsonValue`.
 */
export const jsonValueSchema = z
  .union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())])
  .register(z.globalRegistry, { id: 'JsonValue', description: 'Any JSON value: string, number, boolean, null, array or object' });
