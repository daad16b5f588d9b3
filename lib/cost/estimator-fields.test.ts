import { describe, expect, it } from 'vitest';

import { lambdaCostInputSchema } from '@/lib/schemas/cost';

import { labelFieldMessage } from './estimator-fields';

describe('labelFieldMessage', () => {
  it('names the field by its label, groups thousands and adds the unit after a bound', () => {
    expect(labelFieldMessage('memoryMb', 'memoryMb must be between 128 and 10240')).toBe('Memory must be between 128 and 10,240 MB');
    expect(labelFieldMessage('durationMs', 'durationMs must be greater than 0 and at most 900000')).toBe(
      'Duration per invocation must be greater than 0 and at most 900,000 ms',
    );
    expect(labelFieldMessage('batchSizes', 'batchSizes must be whole numbers of at least 1')).toBe('Batch sizes must be whole numbers of at least 1');
    expect(labelFieldMessage('invocationsPerMonth', 'invocationsPerMonth must be a whole number')).toBe('Invocations per month must be a whole number');
  });

  it('rewords what the schema itself says about a half-typed memory', () => {
    const result = lambdaCostInputSchema.safeParse({
      architecture: 'arm64',
      region: 'us-east-1',
      memoryMb: 1,
      durationMs: 100,
      invocationsPerMonth: 1,
      ephemeralStorageMb: 512,
      includeFreeTier: true,
    });
    const issue = result.error?.issues[0];
    expect(labelFieldMessage(String(issue?.path[0]), issue?.message ?? '')).toBe('Memory must be between 128 and 10,240 MB');
  });

  it('leaves messages of unknown fields alone', () => {
    expect(labelFieldMessage('constructor', 'constructor is odd')).toBe('constructor is odd');
    expect(labelFieldMessage('input', 'unknown field(s): x')).toBe('unknown field(s): x');
  });
});
