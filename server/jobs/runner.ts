import 'server-only';
import { log } from '@/server/log';
import type { Job } from '@/server/jobs/types';

/** Runs jobs on their intervals until `signal` aborts, then each job's `stop`; failures are logged and retried next tick. */
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
        const onAbort = () => (clearTimeout(t), resolve());
        // The listener goes when the wait ends, or every tick would leave one more on the signal.
        const t = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), wait);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    }
    await job.stop?.().catch((err: unknown) => log.error('job stop failed', { job: job.name, error: err instanceof Error ? err.message : String(err) }));
  });
  await Promise.all(loops);
}
