// Several workers on one database (SQLite here, PostgreSQL in CI's second phase): each job runs once
// per interval whichever worker runs it, never twice at once, and a worker that dies mid-run loses
// the job to another within one lease. The workers share nothing but the database, as separate
// processes would.
import { afterEach, describe, expect, it } from 'vitest';

import { db } from '@/server/db';
import { runJobs, type JobCoordinator } from '@/server/jobs/runner';
import { claimJobRun, ensureJobLease, readJobLease, releaseJobRun, renewJobLease } from '@/server/jobs/queries';
import type { Job } from '@/server/jobs/types';

interface RunRecord {
  by: string;
  /** when the worker claimed the run (the row's lastRunAt) */
  claimedAt: number;
  start: number;
  end: number;
}

const names: string[] = [];
afterEach(async () => {
  await db.jobLease.deleteMany({ where: { name: { in: names.splice(0) } } });
});

/** A job that records who ran it and when, taking `workMs`; `hang` makes a run never finish on its own. */
function recordingJob(name: string, intervalMs: number, workMs: number, runs: RunRecord[], by: string, hang?: () => boolean): Job {
  names.push(name);
  return {
    name,
    intervalMs,
    run: async (signal) => {
      const start = Date.now();
      const claimedAt = (await readJobLease(name))!.lastRunAt!.getTime();
      const record = { by, claimedAt, start, end: Number.POSITIVE_INFINITY };
      runs.push(record);
      await new Promise<void>((resolve) => {
        if (hang?.()) return; // a worker frozen mid-run: it never returns, never releases
        const timer = setTimeout(resolve, workMs);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
      record.end = Date.now();
    },
  };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('coordinated jobs', () => {
  it('run once per interval across two workers, never overlapping', async () => {
    const name = `count-${Date.now()}`;
    const runs: RunRecord[] = [];
    const intervalMs = 250;
    const a = new AbortController();
    const b = new AbortController();
    const workers = [
      runJobs([recordingJob(name, intervalMs, 40, runs, 'a')], a.signal, { holder: 'a', leaseMs: 2_000 }),
      runJobs([recordingJob(name, intervalMs, 40, runs, 'b')], b.signal, { holder: 'b', leaseMs: 2_000 }),
    ];
    await until(() => runs.filter((r) => r.end !== Number.POSITIVE_INFINITY).length >= 8, 'eight finished runs');
    a.abort();
    b.abort();
    await Promise.all(workers);

    const done = runs.filter((r) => r.end !== Number.POSITIVE_INFINITY).sort((x, y) => x.start - y.start);
    for (let i = 1; i < done.length; i++) {
      // Never two at once, and each run claimed no sooner than one interval after the one before.
      expect(done[i]!.start).toBeGreaterThanOrEqual(done[i - 1]!.end);
      expect(done[i]!.claimedAt - done[i - 1]!.claimedAt).toBeGreaterThanOrEqual(intervalMs);
    }
    expect((await readJobLease(name))?.runCount).toBe(runs.length);
  });

  it('moves to another worker when the one running it dies mid-run', async () => {
    const name = `takeover-${Date.now()}`;
    const runs: RunRecord[] = [];
    const leaseMs = 1_000;
    // Worker a's view of the database, which goes silent when a "dies": a killed process neither
    // renews its lease nor releases the job.
    let aFrozen = false;
    let aDead = false;
    let aLastRenewal = 0;
    const silent = new Promise<never>(() => {});
    const aCoordinator: JobCoordinator = {
      ensure: (...args) => (aDead ? silent : ensureJobLease(...args)),
      claim: (...args) => (aDead ? silent : claimJobRun(...args)),
      renew: async (...args) => {
        if (aDead) return silent;
        aLastRenewal = args[2].getTime();
        return renewJobLease(...args);
      },
      release: (...args) => (aDead ? silent : releaseJobRun(...args)),
      read: (...args) => (aDead ? silent : readJobLease(...args)),
    };
    const a = new AbortController();
    const b = new AbortController();
    const jobA = recordingJob(name, 100, 10, runs, 'a', () => aFrozen);
    void runJobs([jobA], a.signal, { holder: 'a', leaseMs, coordinator: aCoordinator });
    await until(() => runs.some((r) => r.by === 'a' && r.end !== Number.POSITIVE_INFINITY), "a's first run");
    aFrozen = true;
    await until(() => runs.some((r) => r.by === 'a' && r.end === Number.POSITIVE_INFINITY), 'a to be inside a run');
    aDead = true;
    const diedAt = Date.now();

    const workerB = runJobs([recordingJob(name, 100, 10, runs, 'b')], b.signal, { holder: 'b', leaseMs });
    await until(() => runs.some((r) => r.by === 'b'), 'b to take the job over');
    const takeover = runs.find((r) => r.by === 'b')!;
    // Not while a's lease could still be live: from a's last renewal (or its claim), one lease on.
    const lastLease = Math.max(aLastRenewal, runs.filter((r) => r.by === 'a').at(-1)!.claimedAt) + leaseMs;
    expect(takeover.start).toBeGreaterThanOrEqual(lastLease - 5);
    expect(takeover.start - diedAt).toBeLessThan(leaseMs + 1_000);
    b.abort();
    await workerB;
    a.abort();
    expect((await readJobLease(name))?.holder).toBeNull();
  });

  it('hands a job back, due at once, when its worker is stopped mid-run', async () => {
    const name = `handback-${Date.now()}`;
    const runs: RunRecord[] = [];
    const a = new AbortController();
    const job = recordingJob(name, 60_000, 60_000, runs, 'a');
    const worker = runJobs([job], a.signal, { holder: 'a', leaseMs: 5_000 });
    await until(() => runs.length === 1, 'the run to start');
    a.abort();
    await worker;
    const row = await readJobLease(name);
    expect(row?.holder).toBeNull();
    // Not an interval later: the run was cut short, so the next worker starts it straight away.
    expect(row!.nextRunAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
