import 'server-only';
import { randomBytes } from 'node:crypto';
import os from 'node:os';

import { env } from '@/server/env';
import { claimJobRun, ensureJobLease, readJobLease, releaseJobRun, renewJobLease, type JobLeaseRow } from '@/server/jobs/queries';
import type { Job } from '@/server/jobs/types';
import { log } from '@/server/log';

/**
 * Runs the worker's jobs, coordinated through the database so that any number of workers run each
 * job once per interval. A worker runs a job only after claiming its due run with a conditional
 * update (JobLease); while it runs, it renews a short lease, so a worker that dies mid-run loses
 * the job within one lease and another takes it over. Workers use their own clocks: keep them in
 * sync (NTP) to well under the shortest interval.
 */

/** How the runner reaches the job rows; the database by default, swapped in unit tests. */
export interface JobCoordinator {
  ensure(name: string, now: Date): Promise<void>;
  claim(name: string, holder: string, now: Date, leaseMs: number): Promise<boolean>;
  renew(name: string, holder: string, now: Date, leaseMs: number): Promise<boolean>;
  release(name: string, holder: string, nextRunAt: Date, now: Date): Promise<void>;
  read(name: string): Promise<JobLeaseRow | null>;
}

const databaseCoordinator: JobCoordinator = {
  ensure: ensureJobLease,
  claim: claimJobRun,
  renew: renewJobLease,
  release: releaseJobRun,
  read: readJobLease,
};

export interface RunJobsOptions {
  /** This worker's name in the job rows (default host:pid:random). */
  holder?: string;
  /** Lease length (default SLIPWAY_JOB_LEASE_MS). */
  leaseMs?: number;
  coordinator?: JobCoordinator;
}

/** A name that tells workers apart, on one host or many. */
export const workerName = (): string => `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

// Workers that lost a claim ask again no sooner than this, and at random offsets, so they do not
// all ask at the same instant.
const MIN_POLL_MS = 50;
const JITTER_MS = 50;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** When a worker that did not get the run should ask again: when it is due, at the latest one interval on. */
export function nextClaimAttempt(row: Pick<JobLeaseRow, 'nextRunAt'> | null, now: number, intervalMs: number, jitter = Math.random() * JITTER_MS): number {
  const due = row ? row.nextRunAt.getTime() : now;
  return Math.min(Math.max(due, now + MIN_POLL_MS), now + intervalMs) + jitter;
}

/** Runs jobs until `signal` aborts, then each job's `stop`; a failed run is logged and the job runs again next interval. */
export async function runJobs(jobs: Job[], signal: AbortSignal, options: RunJobsOptions = {}): Promise<void> {
  const holder = options.holder ?? workerName();
  const leaseMs = options.leaseMs ?? env().SLIPWAY_JOB_LEASE_MS;
  const coordinator = options.coordinator ?? databaseCoordinator;

  const loops = jobs.map(async (job) => {
    let ensured = false;
    while (!signal.aborted) {
      let wakeAt: number;
      try {
        if (!ensured) await coordinator.ensure(job.name, new Date());
        ensured = true;
        const claimedAt = Date.now();
        if (await coordinator.claim(job.name, holder, new Date(claimedAt), leaseMs)) {
          await runClaimed(job, { holder, leaseMs, coordinator, claimedAt }, signal);
          wakeAt = claimedAt + job.intervalMs;
        } else {
          wakeAt = nextClaimAttempt(await coordinator.read(job.name), Date.now(), job.intervalMs);
        }
      } catch (err) {
        // The database is unreachable: try again later rather than spin.
        if (!signal.aborted) log.error('job coordination failed', { job: job.name, error: errorText(err) });
        wakeAt = Date.now() + Math.min(job.intervalMs, 5_000);
      }
      await sleepUntil(wakeAt, signal);
    }
    await job.stop?.().catch((err: unknown) => log.error('job stop failed', { job: job.name, error: errorText(err) }));
  });
  await Promise.all(loops);
}

async function runClaimed(
  job: Job,
  { holder, leaseMs, coordinator, claimedAt }: { holder: string; leaseMs: number; coordinator: JobCoordinator; claimedAt: number },
  signal: AbortSignal,
): Promise<void> {
  const heartbeat = setInterval(() => {
    coordinator.renew(job.name, holder, new Date(), leaseMs).then(
      (held) => held || log.warn('job lease lost', { job: job.name }),
      (err: unknown) => log.error('job lease renewal failed', { job: job.name, error: errorText(err) }),
    );
  }, leaseMs / 3);
  let interrupted = false;
  try {
    await job.run(signal);
  } catch (err) {
    interrupted = signal.aborted;
    if (!interrupted) log.error('job failed', { job: job.name, error: errorText(err) });
  } finally {
    clearInterval(heartbeat);
    interrupted ||= signal.aborted;
    // Stopped mid-run (SIGTERM): hand the job back due now, so another worker takes it at once.
    const nextRunAt = new Date(interrupted ? Date.now() : claimedAt + job.intervalMs);
    await coordinator
      .release(job.name, holder, nextRunAt, new Date())
      .catch((err: unknown) => log.error('job release failed', { job: job.name, error: errorText(err) }));
  }
}

function sleepUntil(at: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => (clearTimeout(timer), resolve());
    // The listener goes when the wait ends, or every tick would leave one more on the signal.
    const timer = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), Math.max(0, at - Date.now()));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
