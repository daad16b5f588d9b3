import { describe, expect, it } from 'vitest';
import { queryKeysRoutesCannotSee, unknownQueryKeysBody } from './query-keys';

describe('query keys a route cannot see', () => {
  it('finds __proto__ in a raw query, encoded or not, once', () => {
    expect(queryKeysRoutesCannotSee('?__proto__=1')).toEqual(['__proto__']);
    expect(queryKeysRoutesCannotSee('?a=1&%5F%5Fproto%5F%5F=2&__proto__=3')).toEqual(['__proto__']);
    expect(queryKeysRoutesCannotSee('?constructor=1&toString=2')).toEqual([]);
    expect(queryKeysRoutesCannotSee('')).toEqual([]);
  });

  it('names the key as a field of the 422 body, which survives JSON', () => {
    const body = JSON.parse(JSON.stringify(unknownQueryKeysBody(['__proto__'])));
    expect(Object.keys(body.error.fields)).toEqual(['__proto__']);
    expect(body.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('__proto__ is not a known field') });
  });
});
