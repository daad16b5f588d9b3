import { describe, expect, it } from 'vitest';

import { isConnectionError } from './admin';

describe('isConnectionError', () => {
  it('recognises kafkajs connection failures, also inside retry wrappers', () => {
    expect(isConnectionError({ name: 'KafkaJSConnectionError' })).toBe(true);
    expect(isConnectionError({ name: 'KafkaJSNumberOfRetriesExceeded', originalError: { name: 'KafkaJSConnectionClosedError' } })).toBe(true);
    expect(isConnectionError({ name: 'Error', cause: { code: 'ECONNREFUSED' } })).toBe(true);
  });

  it('leaves request-level errors alone', () => {
    expect(isConnectionError({ name: 'KafkaJSProtocolError', type: 'UNKNOWN_TOPIC_OR_PARTITION' })).toBe(false);
    expect(isConnectionError(new Error('boom'))).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });
});
