import { describe, expect, it } from 'vitest';

import { checkParameterRules, type ParameterRule } from './parameter-rules';

const window: ParameterRule = {
  when: { left: 'BatchSize', op: '>', right: 10 },
  require: { left: 'BatchingWindowSeconds', op: '>=', right: 1 },
  message: 'BatchingWindowSeconds must be at least 1 when BatchSize is above 10',
};
const timeout: ParameterRule = {
  require: { left: { product: ['BatchSize', 'PerMessageWorkMs'] }, op: '<=', right: { product: ['FunctionTimeout', 1000] } },
  message: 'BatchSize x PerMessageWorkMs must fit in FunctionTimeout',
};

describe('checkParameterRules', () => {
  it('applies a rule only where its condition holds', () => {
    expect(checkParameterRules([window], { BatchSize: '11', BatchingWindowSeconds: '0' })).toEqual({
      BatchingWindowSeconds: 'BatchingWindowSeconds must be at least 1 when BatchSize is above 10',
    });
    expect(checkParameterRules([window], { BatchSize: '10', BatchingWindowSeconds: '0' })).toEqual({});
    expect(checkParameterRules([window], { BatchSize: '11', BatchingWindowSeconds: '1' })).toEqual({});
  });

  it('compares products of parameters and numbers, filing the error under the first parameter it reads', () => {
    expect(checkParameterRules([timeout], { BatchSize: '10000', PerMessageWorkMs: '10', FunctionTimeout: '30' })).toEqual({
      BatchSize: 'BatchSize x PerMessageWorkMs must fit in FunctionTimeout',
    });
    expect(checkParameterRules([timeout], { BatchSize: '3000', PerMessageWorkMs: '10', FunctionTimeout: '30' })).toEqual({});
  });

  it('leaves missing or non-numeric values to the per-parameter checks', () => {
    expect(checkParameterRules([window, timeout], { BatchSize: 'lots', BatchingWindowSeconds: '0' })).toEqual({});
    expect(checkParameterRules([timeout], { BatchSize: '10000', FunctionTimeout: '30' })).toEqual({});
  });
});
