import { describe, expect, it } from 'vitest';

import { isConnectionError, mapWithConcurrency } from './admin';

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

describe('mapWithConcurrency', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
