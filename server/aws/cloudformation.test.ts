import { describe, expect, it } from 'vitest';
import { toResourceChangeDto } from './cloudformation';

describe('toResourceChangeDto', () => {
  it('keeps Conditional and names the properties that may replace the resource', () => {
    const dto = toResourceChangeDto({
      Action: 'Modify',
      LogicalResourceId: 'Rule',
      PhysicalResourceId: 'orders-rule',
      ResourceType: 'AWS::Events::Rule',
      Replacement: 'Conditional',
      Scope: ['Properties'],
      Details: [
        { Target: { Attribute: 'Properties', Name: 'EventBusName', RequiresRecreation: 'Conditionally' }, Evaluation: 'Static' },
        { Target: { Attribute: 'Properties', Name: 'EventPattern', RequiresRecreation: 'Never' }, Evaluation: 'Static' },
        { Target: { Attribute: 'Properties', Name: 'EventBusName', RequiresRecreation: 'Conditionally' }, Evaluation: 'Dynamic' },
      ],
    });
    expect(dto).toEqual({
      action: 'Modify',
      logicalId: 'Rule',
      physicalId: 'orders-rule',
      resourceType: 'AWS::Events::Rule',
      replacement: 'Conditional',
      scope: ['Properties'],
      properties: ['EventBusName', 'EventPattern'],
      replacingProperties: ['EventBusName'],
    });
  });

  it('names replacing properties for True, none for an in-place change, and no replacement for adds', () => {
    const replaced = toResourceChangeDto({
      Action: 'Modify',
      Replacement: 'True',
      Details: [{ Target: { Attribute: 'Properties', Name: 'QueueName', RequiresRecreation: 'Always' } }],
    });
    expect([replaced.replacement, replaced.replacingProperties]).toEqual(['True', ['QueueName']]);
    const inPlace = toResourceChangeDto({
      Action: 'Modify',
      Replacement: 'False',
      Details: [{ Target: { Attribute: 'Properties', Name: 'PolicyDocument', RequiresRecreation: 'Never' } }],
    });
    expect([inPlace.replacement, inPlace.replacingProperties, inPlace.properties]).toEqual(['False', [], ['PolicyDocument']]);
    // CloudFormation leaves Replacement out of adds; a stray value is not shown either.
    expect(toResourceChangeDto({ Action: 'Add', Replacement: 'True', LogicalResourceId: 'Q' }).replacement).toBeNull();
    expect(toResourceChangeDto({ Action: 'Modify', Replacement: 'Sometimes' as never }).replacement).toBeNull();
  });
});
