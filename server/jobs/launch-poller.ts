import 'server-only';
import { syncLaunchesInFlight } from '@/server/launches/sync';
import type { Job } from '@/server/jobs/types';

/** Follows every launch CloudFormation is working on, with or without a browser open. */
export const launchPollerJob: Job = {
  name: 'launch-poller',
  intervalMs: 2000,
  run: async (signal) => {
    await syncLaunchesInFlight(signal);
  },
};
