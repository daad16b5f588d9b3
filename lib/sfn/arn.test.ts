import { describe, expect, it } from 'vitest';
import {
  decodeArnParam,
  executionApiPath,
  executionHref,
  isExpressExecutionArn,
  logGroupNameFromArn,
  parseSfnArn,
  stateMachineArnOfExecution,
  stateMachineHref,
} from './arn';

const machine = 'arn:aws:states:us-east-1:123456789012:stateMachine:EnrichmentStateMachine-abc';
const execution = 'arn:aws:states:us-east-1:123456789012:execution:EnrichmentStateMachine-abc:run-1';

describe('parseSfnArn', () => {
  it('reads account, region and names from state machine and execution ARNs', () => {
    expect(parseSfnArn(machine)).toEqual({
      partition: 'aws',
      region: 'us-east-1',
      accountId: '123456789012',
      kind: 'stateMachine',
      stateMachineName: 'EnrichmentStateMachine-abc',
    });
    expect(parseSfnArn(execution)).toMatchObject({ kind: 'execution', executionName: 'run-1' });
    expect(parseSfnArn('arn:aws-cn:states:cn-north-1:123456789012:execution:m:prod:run-2')).toMatchObject({
      partition: 'aws-cn',
      stateMachineName: 'm',
      executionName: 'run-2',
    });
  });

  it('reads Express execution ARNs (name followed by an id)', () => {
    const express = 'arn:aws:states:eu-west-1:123456789012:express:orders:run-9:0b1c2d3e-4f50-6789';
    expect(parseSfnArn(express)).toMatchObject({ kind: 'express', stateMachineName: 'orders', executionName: 'run-9' });
    expect(isExpressExecutionArn(express)).toBe(true);
    expect(isExpressExecutionArn(execution)).toBe(false);
  });

  it.each([
    '',
    'EnrichmentStateMachine',
    'arn:aws:lambda:us-east-1:123456789012:function:x',
    'arn:aws:states:us-east-1:1234:stateMachine:x',
    'arn:aws:states:us-east-1:123456789012:execution:only-machine',
  ])('rejects %j', (value) => expect(parseSfnArn(value)).toBeNull());
});

describe('stateMachineArnOfExecution', () => {
  it('maps an execution to its state machine, and refuses state machine ARNs', () => {
    expect(stateMachineArnOfExecution(execution)).toBe(machine);
    expect(stateMachineArnOfExecution(machine)).toBeNull();
  });
});

describe('links', () => {
  it('encodes the ARN as one path segment, and decodeArnParam undoes it once', () => {
    const href = executionHref(execution);
    expect(href).toBe(`/executions/${encodeURIComponent(execution)}`);
    expect(href.split('/')).toHaveLength(3);
    const segment = href.split('/')[2]!;
    expect(decodeArnParam(segment)).toBe(execution);
    // Already decoded (Next.js may hand over either): unchanged.
    expect(decodeArnParam(execution)).toBe(execution);
    expect(decodeArnParam('%E0%A4%A')).toBe('%E0%A4%A');
    expect(stateMachineHref(machine)).toMatch(/^\/executions\/state-machines\/arn%3Aaws%3Astates/);
    expect(executionApiPath(execution, '/stop')).toBe(`/api/v1/stepfunctions/executions/${encodeURIComponent(execution)}/stop`);
  });
});

describe('logGroupNameFromArn', () => {
  it('takes the name out of a log group ARN with or without the :* suffix', () => {
    expect(logGroupNameFromArn('arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/x:*')).toBe('/aws/vendedlogs/states/x');
    expect(logGroupNameFromArn('arn:aws:logs:us-east-1:123456789012:log-group:plain')).toBe('plain');
    expect(logGroupNameFromArn('/aws/vendedlogs/states/x')).toBeNull();
  });
});
