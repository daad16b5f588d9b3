import type { SdkError } from '@smithy/types';
import { describe, expect, it } from 'vitest';

import { createSandboxRetryStrategy } from './sandbox-retry';

const sdkError = (name: string, message: string): SdkError => Object.assign(new Error(message), { name, $metadata: {} }) as SdkError;
const throttled = sdkError('Throttling', 'Rate exceeded');
const notImplemented = sdkError('InternalFailure', 'not implemented');

describe('the sandbox retry strategy', () => {
  it('retries throttling with doubling delays, up to the attempt limit, then gives up with the error', async () => {
    const strategy = createSandboxRetryStrategy({ maxAttempts: 3, baseDelayMs: 100 });
    const first = await strategy.acquireInitialRetryToken('sandbox');
    const second = await strategy.refreshRetryTokenForRetry(first, { error: throttled, errorType: 'THROTTLING' });
    expect([second.getRetryCount(), second.getRetryDelay()]).toEqual([1, 100]);
    const third = await strategy.refreshRetryTokenForRetry(second, { error: throttled, errorType: 'THROTTLING' });
    expect([third.getRetryCount(), third.getRetryDelay()]).toEqual([2, 200]);
    await expect(strategy.refreshRetryTokenForRetry(third, { error: throttled, errorType: 'THROTTLING' })).rejects.toBe(throttled);
  });

  it('does not retry server, transient or client errors', async () => {
    const strategy = createSandboxRetryStrategy();
    const token = await strategy.acquireInitialRetryToken('sandbox');
    for (const errorType of ['SERVER_ERROR', 'TRANSIENT', 'CLIENT_ERROR'] as const) {
      await expect(strategy.refreshRetryTokenForRetry(token, { error: notImplemented, errorType })).rejects.toBe(notImplemented);
    }
  });
});
