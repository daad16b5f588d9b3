import { describe, expect, it } from 'vitest';
import type { ExecutionStatusName, ExecutionSummaryDto } from '@/lib/sfn/dto';
import { generateExecutionName } from './execution-name';
import { summariseRecentExecutions } from './recent-activity';
import { executionNameSchema } from '@/lib/schemas/sfn';

const execution = (name: string, status: ExecutionStatusName): ExecutionSummaryDto => ({
  executionArn: `arn:aws:states:us-east-1:123456789012:execution:m:${name}`,
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
  name,
  status,
  startedAt: '2026-11-27T12:00:00.000Z',
  stoppedAt: null,
  durationMs: null,
});

describe('summariseRecentExecutions', () => {
  it('counts by status and keeps the newest failure, timeout or abort', () => {
    const summary = summariseRecentExecutions(
      [execution('e5', 'RUNNING'), execution('e4', 'SUCCEEDED'), execution('e3', 'TIMED_OUT'), execution('e2', 'FAILED'), execution('e1', 'SUCCEEDED')],
      true,
    );
    expect(summary).toMatchObject({ sampled: 5, hasMore: true, counts: { RUNNING: 1, SUCCEEDED: 2, TIMED_OUT: 1, FAILED: 1 } });
    expect(summary.lastFailure?.name).toBe('e3');
    expect(summariseRecentExecutions([], false)).toEqual({ sampled: 0, hasMore: false, counts: {}, lastFailure: null });
  });
});

describe('generateExecutionName', () => {
  it('is a valid, time-ordered execution name', () => {
    const name = generateExecutionName(new Date('2026-11-27T19:55:21.842Z'), 'k3x9q2');
    expect(name).toBe('run-20261127-195521-k3x9q2');
    expect(executionNameSchema.safeParse(generateExecutionName()).success).toBe(true);
    expect(generateExecutionName()).not.toBe(generateExecutionName());
  });
});
