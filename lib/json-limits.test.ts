import { describe, expect, it } from 'vitest';
import { findJsonProblem, MAX_JSON_DEPTH } from './json-limits';

const nested = (levels: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

describe('findJsonProblem', () => {
  it('accepts ordinary bodies, including keys named like built-in object properties', () => {
    expect(findJsonProblem({ name: 'x', tags: { constructor: 'a', toString: 'b' }, list: [1, { a: null }] })).toBeNull();
    expect(findJsonProblem('text')).toBeNull();
    expect(findJsonProblem(null)).toBeNull();
  });

  it(`allows ${MAX_JSON_DEPTH} levels of nesting and names the top-level field that goes deeper`, () => {
    expect(findJsonProblem(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(findJsonProblem(nested(MAX_JSON_DEPTH + 1))).toEqual({ kind: 'too-deep', field: '0' });
    expect(findJsonProblem({ input: nested(MAX_JSON_DEPTH) })).toEqual({ kind: 'too-deep', field: 'input' });
    expect(findJsonProblem({ input: nested(MAX_JSON_DEPTH - 1) })).toBeNull();
    expect(findJsonProblem(nested(3), { maxDepth: 2 })).toEqual({ kind: 'too-deep', field: '0' });
  });

  it('walks a body nested far beyond the call stack without overflowing', () => {
    const text = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(findJsonProblem(JSON.parse(text))).toEqual({ kind: 'too-deep', field: '0' });
    expect(findJsonProblem(JSON.parse(`{"input":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`))).toEqual({ kind: 'too-deep', field: 'input' });
  });

  it('names a __proto__ key by its path, at any level', () => {
    expect(findJsonProblem(JSON.parse('{"__proto__":{"admin":true}}'))).toEqual({ kind: 'prototype-key', field: '__proto__' });
    expect(findJsonProblem(JSON.parse('{"tags":{"env":"dev","__proto__":"x"}}'))).toEqual({ kind: 'prototype-key', field: 'tags.__proto__' });
    expect(findJsonProblem(JSON.parse('{"topics":[{"topic":"t"},{"__proto__":1}]}'))).toEqual({ kind: 'prototype-key', field: 'topics.1.__proto__' });
    expect(findJsonProblem(JSON.parse('{"a":{"__proto__":1}}'), { allowPrototypeKey: true })).toBeNull();
  });
});
