import { describe, expect, it } from 'vitest';
import { isDefinitePath, JsonPathError, parseReferencePath, queryPath, setAtReferencePath } from './jsonpath';

const doc = {
  detail: { 'instance-id': 'i-1', state: 'running' },
  Reservations: [
    {
      Instances: [
        {
          InstanceId: 'i-1',
          Tags: [
            { Key: 'team', Value: 'ops' },
            { Key: 'Name', Value: 'web' },
          ],
        },
      ],
    },
  ],
  list: [10, 20, 30, 40],
  'odd key': 5,
  items: [
    { sku: 'a', price: 5 },
    { sku: 'b', price: 15 },
  ],
};

describe('queryPath', () => {
  it.each([
    ['$', doc],
    ['$.detail.state', 'running'],
    ['$.detail.instance-id', 'i-1'],
    ['$.list[0]', 10],
    ["$['odd key']", 5],
    ['$["odd key"]', 5],
    ['$.Reservations[0].Instances[0].InstanceId', 'i-1'],
  ])('definite %s gives the value', (path, expected) => {
    expect(queryPath(doc, path)).toEqual(expected);
  });

  it.each([
    ['$..InstanceId', ['i-1']],
    ['$.list[*]', [10, 20, 30, 40]],
    ['$.list[1:3]', [20, 30]],
    ['$.list[-1:]', [40]],
    ['$.list[0,2]', [10, 30]],
    ['$.items[?(@.price > 10)].sku', ['b']],
    ["$.items[?(@.sku == 'a')].price", [5]],
    ['$.items[?(@.price < 10 && @.sku == "a")].sku', ['a']],
    // Step Functions' bare-word filter from the EC2 enrichment post.
    ['$..Reservations[0].Instances[0].Tags[?(@.Key==Name)].Value', ['web']],
  ])('indefinite %s gives a list', (path, expected) => {
    expect(queryPath(doc, path)).toEqual(expected);
  });

  it('reads the context object through $$', () => {
    expect(queryPath(doc, '$$.Execution.Name', { Execution: { Name: 'run-1' } })).toBe('run-1');
    expect(queryPath(doc, '$$.Map.Item.Index', { Map: { Item: { Index: 2 } } })).toBe(2);
  });

  it('supports Jayway length()', () => {
    expect(queryPath(doc, '$.list.length()')).toBe(4);
  });

  it('throws States.Runtime when nothing matches, like the execution does', () => {
    expect(() => queryPath(doc, '$.missing')).toThrow(JsonPathError);
    expect(() => queryPath(doc, '$.items[?(@.Key==Name)].Value')).toThrow('could not be found in the input');
    expect(() => queryPath(doc, 'detail')).toThrow("must start with '$'");
    try {
      queryPath(doc, '$.nope');
    } catch (error) {
      expect((error as JsonPathError).error).toBe('States.Runtime');
    }
  });
});

describe('isDefinitePath', () => {
  it.each([
    ['$', true],
    ['$.a.b', true],
    ['$.a[0]', true],
    ["$['a..b']", true],
    ['$..a', false],
    ['$.a[*]', false],
    ['$.a[?(@.x)]', false],
    ['$.a[0,1]', false],
    ['$.a[1:]', false],
  ])('%s -> %s', (path, expected) => {
    expect(isDefinitePath(path)).toBe(expected);
  });
});

describe('reference paths (ResultPath)', () => {
  it('parses dot, bracket and index segments', () => {
    expect(parseReferencePath('$')).toEqual([]);
    expect(parseReferencePath("$.detail['refined'].list[2]")).toEqual(['detail', 'refined', 'list', 2]);
    expect(() => parseReferencePath('$..x')).toThrow(JsonPathError);
    expect(() => parseReferencePath('$.a[*]')).toThrow(JsonPathError);
  });

  it('writes into a copy, creating missing objects, without touching the input', () => {
    const input = { detail: { id: 'i-1' } };
    expect(setAtReferencePath(input, '$.detail.refined', { name: 'web' })).toEqual({
      detail: { id: 'i-1', refined: { name: 'web' } },
    });
    expect(setAtReferencePath(input, '$.new.deep', 1)).toEqual({ detail: { id: 'i-1' }, new: { deep: 1 } });
    expect(setAtReferencePath(input, '$', 'replaced')).toBe('replaced');
    expect(setAtReferencePath({ list: [1, 2] }, '$.list[1]', 9)).toEqual({ list: [1, 9] });
    expect(input).toEqual({ detail: { id: 'i-1' } });
  });

  it('cannot write into a non-object', () => {
    expect(() => setAtReferencePath('text', '$.a', 1)).toThrow('not an object');
    expect(() => setAtReferencePath({ a: 'text' }, '$.a.b', 1)).toThrow('not an object');
    expect(() => setAtReferencePath({ list: [] }, '$.list[3]', 1)).toThrow('index 3');
  });
});
