import { describe, expect, it } from 'vitest';
import { describeChanges, describeSecretChange, isSecretChange } from '@/server/audit/changes';

describe('describeChanges', () => {
  it('lists only the named fields that changed, with old and new values', () => {
    const before = { regions: ['us-east-1'], roleArn: 'arn:a', teams: ['falcon'], name: 'x' };
    const after = { regions: ['us-east-1', 'eu-west-1'], roleArn: 'arn:a', teams: [], name: 'y' };
    expect(describeChanges(before, after, ['regions', 'roleArn', 'teams'])).toEqual({
      regions: { from: ['us-east-1'], to: ['us-east-1', 'eu-west-1'] },
      teams: { from: ['falcon'], to: [] },
    });
  });

  it('treats a missing value as null on either side', () => {
    expect(describeChanges({ serviceRoleArn: 'arn:s' }, {}, ['serviceRoleArn'])).toEqual({
      serviceRoleArn: { from: 'arn:s', to: null },
    });
    expect(describeChanges({ serviceRoleArn: null }, {}, ['serviceRoleArn'])).toEqual({});
  });
});

describe('describeSecretChange', () => {
  it('says set, replaced or cleared, and nothing when the secret is kept', () => {
    expect(describeSecretChange(false, 'replace')).toEqual({ from: 'not set', to: 'set' });
    expect(describeSecretChange(true, 'replace')).toEqual({ from: 'set', to: 'replaced' });
    expect(describeSecretChange(true, 'clear')).toEqual({ from: 'set', to: 'cleared' });
    expect(describeSecretChange(false, 'clear')).toBeNull();
    expect(describeSecretChange(true, 'keep')).toBeNull();
  });

  it('recognises only its own vocabulary as a secret change', () => {
    expect(isSecretChange({ from: 'set', to: 'cleared' })).toBe(true);
    expect(isSecretChange({ from: 'set', to: 'hunter2' })).toBe(false);
    expect(isSecretChange({ from: 'set', to: 'cleared', value: 'x' })).toBe(false);
    expect(isSecretChange('set')).toBe(false);
  });
});
