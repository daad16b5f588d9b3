import 'server-only';
import { pruneRateLimitBuckets } from '@/server/security/rate-limit';
import type { Job } from '@/server/jobs/types';

/** Deletes rate-limit counters whose windows are over, so the table holds recent attempts only. */
export const rateLimitPrunerJob: Job = {
  name: 'rate-limit-pruner',
  intervalMs: 10 * 60_000,
  run: async () => {
    await pruneRateLimitBuckets();
  },
};
