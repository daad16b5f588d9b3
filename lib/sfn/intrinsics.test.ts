import { describe, expect, it } from 'vitest';
import { evaluateIntrinsic, IntrinsicError, isIntrinsicCall } from './intrinsics';

const input = {
  id: 'i-1',
  count: 3,
  list: [1, 2, 2, 3],
  text: 'a,b;c',
  json: '{"x":[1,{"y":true}]}',
  obj: { a: 1 },
  other: { b: 2 },
};

describe('evaluateIntrinsic', () => {
  it.each([
    ["States.Format('Hello {}, you have {} items', $.id, $.count)", 'Hello i-1, you have 3 items'],
    ["States.Format('literal \\{\\} and {}', $.id)", 'literal {} and i-1'],
    ["States.Format('it\\'s {}', true)", "it's true"],
    ['States.StringToJson($.json)', { x: [1, { y: true }] }],
    ['States.JsonToString($.obj)', '{"a":1}'],
    ['States.Array($.id, 1, true, null)', ['i-1', 1, true, null]],
    ['States.Array($.detail)', undefined],
    ['States.ArrayLength($.list)', 4],
    ['States.ArrayGetItem($.list, 3)', 3],
    ['States.ArrayContains($.list, 2)', true],
    ['States.ArrayRange(1, 9, 4)', [1, 5, 9]],
    ['States.ArrayPartition($.list, 3)', [[1, 2, 2], [3]]],
    ['States.ArrayUnique($.list)', [1, 2, 3]],
    ['States.JsonMerge($.obj, $.other, false)', { a: 1, b: 2 }],
    ['States.MathAdd($.count, -1)', 2],
    ["States.StringSplit($.text, ',;')", ['a', 'b', 'c']],
    ["States.Base64Encode('héllo')", 'aMOpbGxv'],
    ["States.Base64Decode('aMOpbGxv')", 'héllo'],
    ["States.Format('{}', States.ArrayLength(States.Array(1, 2)))", '2'],
    ["States.Array($.list[?(@ > 1)], 'x, y')", [[2, 2, 3], 'x, y']],
  ])('%s', (expression, expected) => {
    if (expected === undefined) {
      expect(() => evaluateIntrinsic(expression, input)).toThrow('could not be found');
    } else {
      expect(evaluateIntrinsic(expression, input)).toEqual(expected);
    }
  });

  it('reads the context object', () => {
    expect(evaluateIntrinsic("States.Format('run {}', $$.Execution.Name)", {}, { Execution: { Name: 'r1' } })).toBe('run r1');
  });

  it('reports misuse as States.IntrinsicFailure', () => {
    const attempts = [
      "States.Format('{} {}', $.id)",
      "States.Format('{}', $.obj)",
      'States.StringToJson($.id)',
      'States.ArrayGetItem($.list, 9)',
      'States.UUID()',
      'States.Hash($.id, "SHA-256")',
      "States.Format('unterminated",
      'NotStates.Format()',
    ];
    for (const expression of attempts) {
      expect(() => evaluateIntrinsic(expression, input), expression).toThrow(IntrinsicError);
    }
  });

  it('tells intrinsic calls from paths', () => {
    expect(isIntrinsicCall('States.Array($.a)')).toBe(true);
    expect(isIntrinsicCall('$.States')).toBe(false);
  });
});
