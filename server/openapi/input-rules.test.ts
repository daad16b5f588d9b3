import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listOperations } from '@/server/openapi/registry';
import '@/server/openapi/operations';

type JsonSchemaNode = { type?: string | string[]; maximum?: number; exclusiveMaximum?: number; minimum?: number; exclusiveMinimum?: number };

/** Paths of every number in a JSON Schema (through properties, items, records and unions), with the node. */
function numbersIn(node: unknown, path: string): [string, JsonSchemaNode][] {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((n) => numbersIn(n, path));
  const schema = node as Record<string, unknown> & JsonSchemaNode;
  const types = [schema.type ?? []].flat();
  const own: [string, JsonSchemaNode][] = types.includes('number') || types.includes('integer') ? [[path, schema]] : [];
  const properties = Object.entries((schema.properties as Record<string, unknown> | undefined) ?? {}).flatMap(([key, child]) =>
    numbersIn(child, `${path}.${key}`),
  );
  const nested = (['items', 'additionalProperties', 'anyOf', 'oneOf', 'allOf'] as const).flatMap((key) =>
    numbersIn(schema[key], key === 'items' ? `${path}[]` : path),
  );
  return [...own, ...properties, ...nested];
}

describe('request schemas', () => {
  const inputs = listOperations().flatMap((op) =>
    (['body', 'query'] as const).flatMap((where) => (op[where] ? [{ name: `${op.method} ${op.path} ${where}`, schema: op[where] }] : [])),
  );

  it('bound every number from below and above, so no request can ask the models about 2^64', () => {
    const numbers = inputs.flatMap(({ name, schema }) => numbersIn(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), name));
    expect(numbers.length).toBeGreaterThan(30);
    const unbounded = numbers
      .filter(([, n]) => (n.maximum ?? n.exclusiveMaximum) === undefined || (n.minimum ?? n.exclusiveMinimum) === undefined)
      .map(([path]) => path);
    expect(unbounded).toEqual([]);
  });
});
