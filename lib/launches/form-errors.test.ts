import { describe, expect, it } from 'vitest';
import type { TemplateParameterDto } from '@/lib/blueprints/types';
import { launchFormErrors, mergeFieldErrors, type LaunchFormInput } from './form-errors';

const param = (over: Partial<TemplateParameterDto> & { name: string }): TemplateParameterDto => ({
  type: 'String',
  label: over.name,
  noEcho: false,
  required: true,
  ...over,
});

const valid: LaunchFormInput = {
  stackName: 'orders-1',
  parameters: [param({ name: 'Timeout', type: 'Number', minValue: 1, maxValue: 900, default: '30' }), param({ name: 'Email' })],
  values: { Timeout: '', Email: 'ops@example.com' },
  requiredTags: [{ key: 'owner' }, { key: 'cost-center' }],
  tags: [
    ['owner', ''],
    ['cost-center', 'cc-1'],
  ],
  owner: 'dev@example.com',
};

describe('launchFormErrors', () => {
  it('has nothing to say about a valid form (defaults and the owner fill the gaps)', () => {
    expect(launchFormErrors(valid)).toEqual({});
  });

  it('reports the stack name, every bad parameter and every missing required tag, under the API keys', () => {
    const errors = launchFormErrors({
      ...valid,
      stackName: '1-bad name',
      values: { Timeout: '0', Email: '' },
      tags: [
        ['owner', ''],
        ['cost-center', ''],
        ['aws:secret', 'x'],
      ],
    });
    expect(errors).toEqual({
      stackName: 'stackName must start with a letter and contain only letters, digits and dashes',
      'parameters.Timeout': 'Timeout must be between 1 and 900',
      'parameters.Email': 'Email is required',
      'tags.cost-center': 'tags.cost-center is required by your team',
      'tags.aws:secret': 'tags.aws:secret: keys starting with aws: are reserved',
    });
  });

  it('reports an empty stack name', () => {
    expect(launchFormErrors({ ...valid, stackName: '' })).toEqual({ stackName: 'stackName is required' });
  });
});

describe('mergeFieldErrors', () => {
  it("takes the server's first message per field and lets the browser's own check win", () => {
    expect(mergeFieldErrors({ stackName: 'stackName is required' }, { stackName: ['is already in use'], region: ['is not enabled', 'x'] })).toEqual({
      stackName: 'stackName is required',
      region: 'is not enabled',
    });
    expect(mergeFieldErrors({}, undefined)).toEqual({});
  });
});
