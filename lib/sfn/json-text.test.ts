import { describe, expect, it } from 'vitest';
import { describeInputProblem, formatJsonText, lineAndColumn, parseJsonText, utf8ByteLength, validateExecutionInputText } from './json-text';
import { MAX_EXECUTION_INPUT_BYTES } from '@/lib/schemas/sfn';

function errorOf(text: string) {
  const result = parseJsonText(text);
  if (result.ok) throw new Error(`expected an error for ${text}`);
  return result.error;
}

describe('parseJsonText', () => {
  it.each([
    ['{}', {}],
    ['  [1, -2.5e3, "a\\n\\u00e9", true, false, null]  ', [1, -2500, 'a\né', true, false, null]],
    ['{"detail": {"instance-id": "i-1", "state": "running"}}', { detail: { 'instance-id': 'i-1', state: 'running' } }],
    ['"just a string"', 'just a string'],
    ['0', 0],
  ])('accepts %s', (text, value) => {
    expect(parseJsonText(text)).toEqual({ ok: true, value });
  });

  it('names the line and column of a missing comma', () => {
    const text = '{\n  "a": 1\n  "b": 2\n}';
    expect(errorOf(text)).toEqual({ message: "Expected ',' or '}' after a property value, found '\"'", offset: 13, line: 3, column: 3 });
  });

  it('explains trailing commas, single quotes and unquoted keys', () => {
    expect(errorOf('{"a": 1,}')).toMatchObject({ line: 1, column: 9, message: expect.stringContaining('trailing comma') });
    expect(errorOf('[1, 2,]')).toMatchObject({ column: 7, message: expect.stringContaining('trailing comma') });
    expect(errorOf("{'a': 1}")).toMatchObject({ column: 2, message: expect.stringContaining('double quotes') });
    expect(errorOf('{"a": \'x\'}')).toMatchObject({ column: 7, message: expect.stringContaining('single quotes') });
    expect(errorOf('{a: 1}').message).toMatch(/property name in double quotes/);
  });

  it('reports unclosed strings at their start, and text after the value', () => {
    expect(errorOf('{"a": "open}')).toMatchObject({ column: 7, message: expect.stringContaining('never closed') });
    expect(errorOf('{} {}')).toMatchObject({ column: 4, message: expect.stringContaining('after the JSON value') });
    expect(errorOf('{"a":\n')).toMatchObject({ line: 2, column: 1, message: 'Expected a value, found end of input' });
    expect(errorOf('')).toMatchObject({ message: expect.stringContaining('Enter a JSON value') });
    expect(errorOf('"a\nb"').message).toMatch(/must be escaped/);
    expect(errorOf('"\\x"').message).toMatch(/Invalid escape/);
    expect(errorOf('01').message).toMatch(/after the JSON value/);
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const text of ['{"a":[1,{"b":null}]}', '[]', '-0.5', '{"a":tru}', '[1 2]', '{"a" 1}', 'NaN', '"\\u12"']) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(parseJsonText(text).ok, text).toBe(valid);
    }
  });
});

describe('helpers', () => {
  it('computes line and column, sizes and formatting', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(utf8ByteLength('é')).toBe(2);
    expect(formatJsonText('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(formatJsonText('{oops')).toBe('{oops');
  });
});

describe('validateExecutionInputText', () => {
  it('accepts what the API accepts and says where the text is wrong', () => {
    expect(validateExecutionInputText('{"detail": {"state": "running"}}')).toBeNull();
    const problem = validateExecutionInputText('{\n  "detail": {\n    "instance-id": "i-1"\n    "state": "running"\n  }\n}');
    expect(describeInputProblem(problem!)).toBe("Line 4, column 5: Expected ',' or '}' after a property value, found '\"'");
  });

  it('refuses more than 256 KB of UTF-8, like StartExecution', () => {
    const big = JSON.stringify({ blob: 'é'.repeat(MAX_EXECUTION_INPUT_BYTES / 2) });
    const problem = validateExecutionInputText(big);
    expect(problem?.line).toBeUndefined();
    expect(describeInputProblem(problem!)).toMatch(/at most 256 KB/);
    expect(validateExecutionInputText(JSON.stringify({ blob: 'x'.repeat(1000) }))).toBeNull();
  });
});
