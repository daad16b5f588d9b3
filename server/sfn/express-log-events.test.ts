import { describe, expect, it } from 'vitest';
import { newestFirst, toExpressLogEvent } from './express-log-events';

describe('toExpressLogEvent', () => {
  it('reads the type and execution ARN of a Step Functions log record', () => {
    const message = JSON.stringify({
      id: '1',
      type: 'ExecutionStarted',
      details: { input: '{}' },
      execution_arn: 'arn:aws:states:us-east-1:123456789012:express:m:run-1:abc',
    });
    expect(toExpressLogEvent({ timestamp: '2026-11-27T12:00:00.000Z', logStreamName: 's', message })).toMatchObject({
      type: 'ExecutionStarted',
      executionArn: 'arn:aws:states:us-east-1:123456789012:express:m:run-1:abc',
      message,
    });
  });

  it('keeps plain lines as they are, and sorts newest first', () => {
    const a = toExpressLogEvent({ timestamp: '2026-11-27T12:00:00.000Z', logStreamName: null, message: 'plain text' });
    const b = toExpressLogEvent({ timestamp: '2026-11-27T12:00:05.000Z', logStreamName: null, message: '{"type":1}' });
    expect(a).toMatchObject({ type: null, executionArn: null });
    expect(b.type).toBeNull();
    expect(newestFirst([a, b]).map((e) => e.message)).toEqual(['{"type":1}', 'plain text']);
  });

  it('orders the events of one execution logged in the same millisecond by their id', () => {
    const at = '2026-11-27T12:00:00.000Z';
    const record = (id: number, type: string) =>
      toExpressLogEvent({ timestamp: at, logStreamName: 's', message: JSON.stringify({ id: String(id), type, execution_arn: 'arn:x' }) });
    const events = [record(1, 'ExecutionStarted'), record(2, 'PassStateEntered'), record(3, 'PassStateExited'), record(4, 'ExecutionSucceeded')];
    expect(events[0]!.eventId).toBe(1);
    expect(newestFirst(events).map((e) => e.type)).toEqual(['ExecutionSucceeded', 'PassStateExited', 'PassStateEntered', 'ExecutionStarted']);
  });
});
