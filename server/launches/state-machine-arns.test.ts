import { describe, expect, it } from 'vitest';
import { stateMachineArnsOfLaunch } from './state-machine-arns';

const arn = (name: string) => `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`;
const resource = (resourceType: string, physicalId: string | null) => ({
  logicalId: 'X',
  physicalId,
  resourceType,
  status: 'CREATE_COMPLETE',
  reason: null,
  consoleUrl: null,
});
const output = (key: string, value: string) => ({ key, value, description: null });

describe('stateMachineArnsOfLaunch', () => {
  it('takes the stack’s state machines from its resources even when no output names them', () => {
    const arns = stateMachineArnsOfLaunch({
      resources: [
        resource('AWS::StepFunctions::StateMachine', arn('orders')),
        resource('AWS::SQS::Queue', 'https://sqs/q'),
        resource('AWS::StepFunctions::StateMachine', null),
      ],
      outputs: [],
    });
    expect([...arns]).toEqual([arn('orders')]);
  });

  it('adds state machines named by outputs (a nested stack’s), once each, and ignores other ARNs', () => {
    const arns = stateMachineArnsOfLaunch({
      resources: [resource('AWS::StepFunctions::StateMachine', arn('orders'))],
      outputs: [
        output('Workflow', arn('orders')),
        output('Nested', arn('nested-flow')),
        output('Topic', 'arn:aws:sns:us-east-1:123456789012:t'),
        output('Execution', 'arn:aws:states:us-east-1:123456789012:execution:orders:run-1'),
      ],
    });
    expect([...arns].sort()).toEqual([arn('nested-flow'), arn('orders')]);
  });
});
