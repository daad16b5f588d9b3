import 'server-only';
import { log } from '@/server/log';
import type { Job } from '@/server/jobs/types';

/** Runs jobs on their intervals until `signal` aborts; failures are logged and retried next tick. */
export async function runJobs(jobs: Job[], signal: AbortSignal): Promise<void> {
  const loops = jobs.map(async (job) => {
    while (!signal.aborted) {
      const started = Date.now();
      try {
        await job.run(signal);
      } catch (err) {
        if (!signal.aborted) log.error('job failed', { job: job.name, error: err instanceof Error ? err.message : String(err) });
      }
      const wait = Math.max(0, job.intervalMs - (Date.now() - started));
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
    }
  });
  await Promise.all(loops);
}
