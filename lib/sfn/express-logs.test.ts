import { describe, expect, it } from 'vitest';
import { newestFirst, toExpressLogEvent } from './express-logs';

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
});
