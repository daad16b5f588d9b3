// The worker process: background jobs (stack-event polling, Kafka lag sampling) outside the web
// server, so they keep running when no browser is open. Start with `npm run worker`; any number of
// workers may share a database (server/jobs/runner.ts).
import { jobs } from '@/server/jobs';
import { runJobs, workerName } from '@/server/jobs/runner';
import { log } from '@/server/log';
import { disconnectDatabase } from '@/server/db';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info('worker stopping', { signal });
    controller.abort();
  });
}

const holder = workerName();
log.info('worker started', { holder, jobs: jobs.map((j) => ({ name: j.name, intervalMs: j.intervalMs })) });
await runJobs(jobs, controller.signal, { holder });
if (jobs.length === 0) {
  // Nothing scheduled yet: stay up (so supervisors see a healthy process) until told to stop.
  await new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
}
await disconnectDatabase();
log.info('worker stopped');
