import { describe, expect, it } from 'vitest';
import { executionArnSchema, executionHistoryQuerySchema, expressLogsQuerySchema, stateMachinesQuerySchema, stopExecutionSchema } from './sfn';

describe('executionArnSchema', () => {
  it.each([
    'arn:aws:states:us-east-1:123456789012:execution:EnrichmentStateMachine-x1:run-20261127-195521-k3x9q2',
    'arn:aws:states:us-east-1:123456789012:execution:m:prod:run-1',
    'arn:aws:states:eu-west-1:123456789012:express:orders:run-9:0b1c2d3e-4f50-6789',
    'arn:aws:states:us-east-1:123456789012:execution:m:déploiement',
  ])('accepts %s', (arn) => expect(executionArnSchema.safeParse(arn).success).toBe(true));

  it.each([
    'arn:aws:states:us-east-1:123456789012:stateMachine:m',
    'arn:aws:states:us-east-1:123456789012:execution:m',
    'arn:aws:states:us-east-1:123456789012:execution:m:a b',
    'run-1',
  ])('rejects %s', (arn) => expect(executionArnSchema.safeParse(arn).success).toBe(false));
});

describe('dashboard query schemas', () => {
  it('parse history paging with defaults and bounds', () => {
    expect(executionHistoryQuerySchema.parse({})).toEqual({ page: 1, pageSize: 100 });
    expect(executionHistoryQuerySchema.parse({ page: '3', pageSize: '50', type: 'TaskFailed', state: 'Look up Name tag' })).toMatchObject({
      page: 3,
      pageSize: 50,
    });
    expect(executionHistoryQuerySchema.safeParse({ pageSize: '5000' }).success).toBe(false);
    expect(executionHistoryQuerySchema.safeParse({ colour: 'red' }).success).toBe(false);
  });

  it('name the target by id or name and check the region shape', () => {
    expect(stateMachinesQuerySchema.parse({ target: 'sandbox', region: 'us-east-1' })).toEqual({ target: 'sandbox', region: 'us-east-1' });
    expect(stateMachinesQuerySchema.safeParse({ region: 'Mars' }).success).toBe(false);
  });

  it('bound stop reasons and log filters', () => {
    expect(stopExecutionSchema.parse({})).toEqual({});
    expect(stopExecutionSchema.safeParse({ error: 'x'.repeat(257) }).success).toBe(false);
    expect(expressLogsQuerySchema.safeParse({ filter: 'ExecutionFailed' }).success).toBe(true);
    expect(expressLogsQuerySchema.safeParse({ startedAfter: 'yesterday' }).success).toBe(false);
  });
});
