import 'server-only';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

/**
 * The SDK's retry strategy against the sandbox: throttling errors are retried with exponential
 * backoff, as the SDK does against AWS; anything else fails at once, because the sandbox answers
 * the APIs it lacks with HTTP 500, which another attempt cannot fix and which the SDK's own
 * strategies would retry.
 */
export function createSandboxRetryStrategy({ maxAttempts = 3, baseDelayMs = 100 } = {}): RetryStrategyV2 {
  const token = (retryCount: number, delayMs: number): RetryToken => ({ getRetryCount: () => retryCount, getRetryDelay: () => delayMs });
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous: RetryToken, info: RetryErrorInfo) => {
      const retryCount = previous.getRetryCount() + 1;
      // Throwing ends the retries; the SDK then throws the operation's own error.
      if (info.errorType !== 'THROTTLING' || retryCount >= maxAttempts) throw info.error;
      return token(retryCount, baseDelayMs * 2 ** (retryCount - 1));
    },
    recordSuccess: () => undefined,
  };
}
