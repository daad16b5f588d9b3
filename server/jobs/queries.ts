import 'server-only';
import { db, isUniqueViolation } from '@/server/db';

/** A job's schedule row as the runner reads it. */
export interface JobLeaseRow {
  name: string;
  holder: string | null;
  leaseUntil: Date;
  nextRunAt: Date;
  lastRunAt: Date | null;
  lastRunBy: string | null;
  runCount: number;
}

/** Creates a job's row, due now, unless another worker already has. */
export async function ensureJobLease(name: string, now: Date): Promise<void> {
  try {
    await db.jobLease.create({ data: { name, leaseUntil: now, nextRunAt: now } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
}

/**
 * Takes the job for one run when it is due and nobody holds a live lease: one conditional update, so
 * of several workers asking at once exactly one gets it. True when this worker should run it.
 */
export async function claimJobRun(name: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
  const { count } = await db.jobLease.updateMany({
    where: { name, nextRunAt: { lte: now }, OR: [{ holder: null }, { leaseUntil: { lt: now } }] },
    data: { holder, leaseUntil: new Date(now.getTime() + leaseMs), lastRunAt: now, lastRunBy: holder, runCount: { increment: 1 } },
  });
  return count === 1;
}

/** Extends a running holder's lease; false when the lease was lost (another worker took over). */
export async function renewJobLease(name: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
  const { count } = await db.jobLease.updateMany({ where: { name, holder }, data: { leaseUntil: new Date(now.getTime() + leaseMs) } });
  return count === 1;
}

/** Ends a run: frees the job and sets when it is next due. Does nothing if the lease was lost. */
export async function releaseJobRun(name: string, holder: string, nextRunAt: Date, now: Date): Promise<void> {
  await db.jobLease.updateMany({ where: { name, holder }, data: { holder: null, leaseUntil: now, nextRunAt } });
}

/** A job's row, or null before any worker created it. */
export async function readJobLease(name: string): Promise<JobLeaseRow | null> {
  return db.jobLease.findUnique({
    where: { name },
    select: { name: true, holder: true, leaseUntil: true, nextRunAt: true, lastRunAt: true, lastRunBy: true, runCount: true },
  });
}
