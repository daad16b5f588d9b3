import { describe, expect, it } from 'vitest';
import {
  toExecutionDefinition,
  toExecutionDescription,
  toExecutionStatus,
  toExecutionSummary,
  toHistoryEvent,
  toLoggingDto,
  toStateMachineDescription,
  toStateMachineListItem,
} from './sfn-dto';

const machine = 'arn:aws:states:us-east-1:123456789012:stateMachine:m';

describe('Step Functions SDK shapes to DTOs', () => {
  it('maps a ListExecutions item with ISO dates and a duration', () => {
    expect(
      toExecutionSummary(
        {
          executionArn: `${machine.replace('stateMachine', 'execution')}:run-1`,
          stateMachineArn: machine,
          name: 'run-1',
          status: 'SUCCEEDED',
          startDate: new Date('2026-11-27T12:00:00Z'),
          stopDate: new Date('2026-11-27T12:00:01.5Z'),
        },
        machine,
      ),
    ).toEqual({
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:m:run-1',
      stateMachineArn: machine,
      name: 'run-1',
      status: 'SUCCEEDED',
      startedAt: '2026-11-27T12:00:00.000Z',
      stoppedAt: '2026-11-27T12:00:01.500Z',
      durationMs: 1500,
    });
    expect(toExecutionSummary({ executionArn: 'x', stateMachineArn: undefined, name: 'r', status: 'RUNNING', startDate: new Date(0) }, machine)).toMatchObject({
      stateMachineArn: machine,
      stoppedAt: null,
      durationMs: null,
    });
  });

  it('reads unknown statuses as running and unknown types as standard', () => {
    expect(toExecutionStatus('SOMETHING_NEW')).toBe('RUNNING');
    expect(toExecutionStatus('ABORTED')).toBe('ABORTED');
    expect(toStateMachineListItem({ stateMachineArn: machine, name: 'm', type: 'EXPRESS', creationDate: new Date(0) })).toEqual({
      arn: machine,
      name: 'm',
      type: 'EXPRESS',
      createdAt: '1970-01-01T00:00:00.000Z',
    });
  });

  it('finds the log group of a logging configuration, and reads an absent one as off', () => {
    expect(
      toLoggingDto({
        level: 'ALL',
        includeExecutionData: true,
        destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:g:*' } }],
      }),
    ).toEqual({
      level: 'ALL',
      includeExecutionData: true,
      logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:g:*',
    });
    expect(toLoggingDto(undefined)).toEqual({ level: 'OFF', includeExecutionData: false, logGroupArn: null });
  });

  it('maps DescribeExecution, treating the sandbox empty error/cause of aborts as absent', () => {
    const d = toExecutionDescription({
      executionArn: 'e',
      stateMachineArn: machine,
      name: 'n',
      status: 'ABORTED',
      startDate: new Date(0),
      stopDate: new Date(5),
      error: '',
      cause: '',
    });
    expect(d).toMatchObject({ status: 'ABORTED', error: null, cause: null, input: null, stopDate: '1970-01-01T00:00:00.005Z' });
  });

  it('maps the definition that ran and the state machine description', () => {
    expect(
      toExecutionDefinition({ stateMachineArn: machine, name: 'm', definition: '{"StartAt":"A","States":{}}', roleArn: 'r', updateDate: new Date(0) }),
    ).toEqual({
      stateMachineArn: machine,
      name: 'm',
      definition: '{"StartAt":"A","States":{}}',
      roleArn: 'r',
      revisionId: null,
    });
    expect(
      toStateMachineDescription({ stateMachineArn: machine, name: 'm', definition: '{}', roleArn: 'r', type: 'STANDARD', creationDate: new Date(0) }),
    ).toMatchObject({ type: 'STANDARD', status: 'ACTIVE', logging: { level: 'OFF' } });
  });

  it('turns history events into plain JSON without undefined members', () => {
    const event = toHistoryEvent({
      id: 2,
      previousEventId: 1,
      type: 'TaskStateEntered',
      timestamp: new Date('2026-11-27T12:00:00.123Z'),
      stateEnteredEventDetails: { name: 'A', input: '{}' },
      taskFailedEventDetails: undefined,
    });
    expect(event).toEqual({
      id: 2,
      previousEventId: 1,
      type: 'TaskStateEntered',
      timestamp: '2026-11-27T12:00:00.123Z',
      stateEnteredEventDetails: { name: 'A', input: '{}' },
    });
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });
});
