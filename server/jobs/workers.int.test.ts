// Two worker processes on the test database: a launch is followed to the end after the worker
// following it is killed (SIGKILL, no clean-up), because the other takes the job over.
// On SQLite; the same on PostgreSQL, with two web instances and every job's runs counted, is
// e2e/instances/workers.spec.ts (CI's PostgreSQL pass).
import { type ChildProcess, spawn } from 'node:child_process';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadActor } from '@/server/auth/queries';
import { db } from '@/server/db';
import { env } from '@/server/env';
import { readJobLease } from '@/server/jobs/queries';
import { previewLaunch, startLaunch } from '@/server/launches/create';
import { seedDemoData } from '@/server/seed';
import { launchRequestSchema } from '@/lib/schemas/launches';
import { until } from '@/server/test-support/until';

const LEASE_MS = 1_500;
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  // `node --import tsx` rather than the tsx binary, which would run the worker in a child process
  // with another pid than the one to kill.
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'server/jobs/worker.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, SLIPWAY_JOB_LEASE_MS: String(LEASE_MS), SLIPWAY_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  workers.push(child);
  return child;
}

/** The sandbox's per-resource delay, so a stack takes long enough to be followed across a kill. */
async function setResourceDelay(ms: number): Promise<void> {
  const res = await fetch(`${env().SANDBOX_AWS_ENDPOINT}/moto-api/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ slipway: { cfn_resource_delay_ms: ms } }),
  });
  expect(res.ok).toBe(true);
}

const pidOf = (holder: string | null | undefined) => Number(holder?.split(':')[1]);

beforeAll(async () => {
  await seedDemoData(() => undefined);
});
afterAll(async () => {
  for (const child of workers) if (child.exitCode === null) child.kill('SIGKILL');
  await setResourceDelay(0);
});

describe('two workers', () => {
  it('follow a launch to the end when the one following it is killed', async () => {
    const falconDev = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
    const [first, second] = [startWorker(), startWorker()];
    // Up once one of them has run the launch poller (the row may name a worker of an earlier run).
    const ours = (holder: string | null | undefined) => [first.pid, second.pid].includes(pidOf(holder));
    await until(
      () => readJobLease('launch-poller'),
      (row) => ours(row?.lastRunBy),
      'the launch poller to run',
    );

    await setResourceDelay(1_500);
    const request = launchRequestSchema.parse({
      blueprint: 'sqs-managed-encryption',
      target: 'sandbox',
      region: 'us-east-1',
      stackName: `it-workers-${Math.random().toString(36).slice(2, 7)}`,
    });
    const preview = await previewLaunch(falconDev, request);
    const { launchId } = await startLaunch(falconDev, { ...request, previewId: preview.previewId });

    // Kill whichever worker is following launches right now, mid-stack.
    const following = pidOf((await readJobLease('launch-poller'))?.lastRunBy);
    const victim = [first, second].find((child) => child.pid === following)!;
    const survivor = victim === first ? second : first;
    victim.kill('SIGKILL');
    await until(
      async () => victim.exitCode ?? victim.signalCode,
      (gone) => gone !== null,
      'the killed worker to exit',
    );
    expect((await db.launch.findUniqueOrThrow({ where: { id: launchId } })).status).toMatch(/IN_PROGRESS$|^PENDING$/);

    const done = await until(
      () => db.launch.findUniqueOrThrow({ where: { id: launchId } }),
      (launch) => !/IN_PROGRESS$|^PENDING$/.test(launch.status),
      'the launch to finish',
    );
    expect(done.status).toBe('CREATE_COMPLETE');
    // The survivor did it, and the launch is still the one row it was (nothing was launched twice).
    expect(pidOf((await readJobLease('launch-poller'))?.lastRunBy)).toBe(survivor.pid);
    expect(await db.launch.count({ where: { stackName: request.stackName } })).toBe(1);
  }, 120_000);
});
