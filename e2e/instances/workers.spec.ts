import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { CloudFormationClient, ListStacksCommand, type StackSummary } from '@aws-sdk/client-cloudformation';
import pg from 'pg';
import { fromPortalPage } from '../support/origin';
import { sandboxConfig } from '../support/sfn';
import { storageState } from '../users';
import { freePort } from '../../sandbox/lib/net.mjs';
import { until } from '../../server/test-support/until';

// Issue 16 on PostgreSQL: two web instances and two workers on one database. A launch previewed and
// started on instance A is followed to the end through instance B while the worker that was
// following it is killed (SIGKILL, no clean-up), and every job's runs are counted over the whole
// window: at most one run per interval, whichever worker ran it.
//
// scripts/test.mjs runs this project (`--suite instances`, CI's PostgreSQL pass) with the suite's own
// worker stopped, so the two workers here are the only ones; instance A is the suite's portal,
// instance B a second `next start` of the same build started here.

const databaseUrl = process.env.DATABASE_URL ?? '';
const LEASE_MS = 2_000;
// Each of the stack's six resources takes this long in the sandbox, so the stack is still being
// created when the worker following it is killed and for a lease after (as in workers.int.test.ts).
const RESOURCE_DELAY_MS = 1_500;
// The window is at least this long, so the 2 s jobs run a dozen times in it.
const MIN_WINDOW_MS = 24_000;
const logDir = path.join(process.env.SLIPWAY_DATA_DIR ?? '.data/test', 'logs');

type Row = { name: string; holder: string | null; lastRunAt: Date | null; lastRunBy: string | null; runCount: number };
/** One claim seen by sampling the job rows: who took the run and when (the worker's clock). */
type Claim = { at: number; by: string | null };

const children: ChildProcess[] = [];

function spawnLogged(name: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; logFile: string } {
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', out, out] });
  closeSync(out);
  children.push(child);
  return { child, logFile };
}

async function startInstanceB(): Promise<string> {
  const port = await freePort();
  spawnLogged('portal-instance-b', [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
  });
  const url = `http://localhost:${port}`;
  await until(
    async () => (await fetch(`${url}/api/v1/health`).catch(() => null))?.status ?? 0,
    (status) => status > 0,
    'instance B to answer',
  );
  return url;
}

interface Worker {
  child: ChildProcess;
  /** Its name in the job rows (host:pid:random) and the jobs it runs, from its "worker started" line. */
  holder: string;
  jobs: { name: string; intervalMs: number }[];
}

async function startWorker(name: string): Promise<Worker> {
  // `node --import tsx` rather than the tsx binary, which would run the worker in a child process
  // with another pid than the one to kill. Info level: the "worker started" line names it.
  const { child, logFile } = spawnLogged(name, ['--conditions=react-server', '--import', 'tsx', 'server/jobs/worker.ts'], {
    ...process.env,
    SLIPWAY_JOB_LEASE_MS: String(LEASE_MS),
    SLIPWAY_LOG_LEVEL: 'info',
  });
  const started = await until(
    async () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { message: string; holder?: string; jobs?: Worker['jobs'] })
        .find((line) => line.message === 'worker started'),
    (line) => line !== undefined || child.exitCode !== null,
    `${name} to start`,
  );
  if (!started) throw new Error(`${name} exited; see ${logFile}`);
  return { child, holder: started.holder!, jobs: started.jobs! };
}

async function setResourceDelay(ms: number): Promise<void> {
  const res = await fetch(`${sandboxConfig().endpoint}/moto-api/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ slipway: { cfn_resource_delay_ms: ms } }),
  });
  expect(res.ok).toBe(true);
}

async function stacksNamed(stackName: string): Promise<StackSummary[]> {
  const cfn = new CloudFormationClient(sandboxConfig());
  const found: StackSummary[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cfn.send(new ListStacksCommand({ NextToken }));
    found.push(...(page.StackSummaries ?? []).filter((s) => s.StackName === stackName));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

test.use({ storageState: storageState('falconDev') });

test.skip(!/^postgres(ql)?:/.test(databaseUrl), 'needs PostgreSQL (CI’s PostgreSQL pass: scripts/test-postgres.mjs): on SQLite the product runs one worker');

test.afterAll(async () => {
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill('SIGTERM');
  // Gone before the suite stops the sandbox and the database (a worker hands its jobs back first).
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => (child.kill('SIGKILL'), resolve()), 10_000);
          child.once('exit', () => (clearTimeout(timer), resolve()));
        }),
    ),
  );
  await setResourceDelay(0);
});

test('two web instances and two workers on one PostgreSQL: a launch is followed to the end while the worker following it is killed, and every job runs at most once per interval', async ({
  request,
}) => {
  test.setTimeout(120_000);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const readRows = async () =>
    new Map(
      // The columns hold UTC without a zone: read them as UTC, whatever the machine's zone.
      (await db.query<Row>(`SELECT "name", "holder", "lastRunAt" AT TIME ZONE 'UTC' AS "lastRunAt", "lastRunBy", "runCount" FROM "JobLease"`)).rows.map(
        (r) => [r.name, r] as const,
      ),
    );
  let sampling = true;
  const instanceB = await playwrightRequest.newContext({
    baseURL: await startInstanceB(),
    storageState: storageState('falconDev'),
    extraHTTPHeaders: fromPortalPage,
  });
  try {
    // The suite's worker is stopped (it handed its jobs back): nobody holds a job.
    expect([...(await readRows()).values()].filter((r) => r.holder !== null)).toEqual([]);
    // Every job is due when the window opens, so each one must run in it, the 10- and 15-minute ones too.
    await db.query(`UPDATE "JobLease" SET "nextRunAt" = $1::timestamptz AT TIME ZONE 'UTC'`, [new Date().toISOString()]);
    const windowStart = Date.now();
    const before = await readRows();

    // Every claim, seen by reading the rows ten times a second: a run is 2 s from the next at least,
    // so each shows on its own (a runCount that grows by two between readings is two runs too close,
    // as long as the readings themselves are less than the shortest interval apart: checked below).
    const claims = new Map<string, Claim[]>();
    const last = new Map([...before].map(([name, r]) => [name, r.runCount]));
    let longestReadingGap = 0;
    let readAt = windowStart;
    const record = (rows: Awaited<ReturnType<typeof readRows>>) => {
      longestReadingGap = Math.max(longestReadingGap, Date.now() - readAt);
      readAt = Date.now();
      for (const [name, r] of rows) {
        if (r.runCount === (last.get(name) ?? 0)) continue;
        claims.set(name, [...(claims.get(name) ?? []), { at: r.lastRunAt!.getTime(), by: r.lastRunBy }]);
        last.set(name, r.runCount);
      }
      return rows;
    };
    const sampler = (async () => {
      while (sampling) {
        record(await readRows());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    const workers = await Promise.all([startWorker('worker-instances-1'), startWorker('worker-instances-2')]);
    const holders = workers.map((w) => w.holder);
    const intervals = new Map(workers[0].jobs.map((j) => [j.name, j.intervalMs]));
    await until(readRows, (rows) => holders.includes(rows.get('launch-poller')?.lastRunBy ?? ''), 'the launch poller to run on one of the two workers');

    // Previewed and started on instance A.
    await setResourceDelay(RESOURCE_DELAY_MS);
    const body = { blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'us-east-1', stackName: `api-workers-${Date.now().toString(36)}` };
    const preview = await request.post('/api/v1/launches/preview', { data: body });
    expect(preview.status(), await preview.text()).toBe(200);
    const { previewId } = await preview.json();
    const launched = await request.post('/api/v1/launches', { data: { ...body, previewId } });
    expect(launched.status(), await launched.text()).toBe(201);
    const { id } = await launched.json();
    // The stack is being created from here on: a poller run claimed later follows it.
    const startedAt = Date.now();

    // Once the poller has followed the launch, kill the worker that did, mid-stack.
    const followed = await until(readRows, (rows) => (rows.get('launch-poller')?.lastRunAt?.getTime() ?? 0) > startedAt, 'the poller to follow the launch');
    const victim = workers.find((w) => w.holder === followed.get('launch-poller')!.lastRunBy)!;
    const survivor = workers.find((w) => w !== victim)!;
    victim.child.kill('SIGKILL');
    await until(
      async () => victim.child.exitCode ?? victim.child.signalCode,
      (gone) => gone !== null,
      'the killed worker to exit',
    );
    // Jobs it was running when it died: their run was cut short, so the survivor runs them again once
    // the lease ends (the take-over), not one interval after the cut-short run.
    const cutShort = new Set([...(await readRows()).values()].filter((r) => r.holder === victim.holder).map((r) => r.name));
    expect((await (await instanceB.get(`/api/v1/launches/${id}`)).json()).status).toMatch(/IN_PROGRESS$/);

    // Followed to the end through instance B.
    let detail: { status: string; operation: string | null } = { status: '', operation: null };
    await until(
      async () => (detail = await (await instanceB.get(`/api/v1/launches/${id}`)).json()),
      (d) => !/_IN_PROGRESS$/.test(d.status) && !d.operation,
      'the launch to settle',
      90_000,
    );
    expect(detail.status).toBe('CREATE_COMPLETE');
    // The survivor finished it, and there is one launch and one stack (nothing was started twice).
    expect((await readRows()).get('launch-poller')!.lastRunBy).toBe(survivor.holder);
    expect((await db.query('SELECT count(*)::int AS n FROM "Launch" WHERE "stackName" = $1', [body.stackName])).rows[0].n).toBe(1);
    const listed = (await (await instanceB.get('/api/v1/launches?includeDeleted=true')).json()).launches as { stackName: string }[];
    expect(listed.filter((l) => l.stackName === body.stackName)).toHaveLength(1);
    const stacks = await stacksNamed(body.stackName);
    expect(stacks.map((s) => s.StackStatus)).toEqual(['CREATE_COMPLETE']);

    // Close the window (at least MIN_WINDOW_MS) and count.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, windowStart + MIN_WINDOW_MS - Date.now())));
    sampling = false;
    await sampler;
    // The last reading closes the window (and is recorded like the others).
    const after = record(await readRows());
    const windowMs = Date.now() - windowStart;

    // At most: runs claimed one interval apart fit floor(window / interval) + 1 times in the window
    // (one at each end); a run the kill cut short is claimed again a lease later instead, so such a
    // job may have one more. The window is measured from before the first reading to after the last,
    // so it is never short.
    // At least: every job was due when the window opened and a worker was up throughout, so each ran
    // once. A job that runs several times in the window (the 2 s ones) ran at least half as often as
    // the time from its first run to the window's end allows: the gaps are the take-over (a lease
    // plus an interval at most) and runs slower than the interval on a busy machine, not half of it.
    const windowEnd = windowStart + windowMs;
    const counted = [...intervals].map(([name, intervalMs]) => {
      const seen = claims.get(name) ?? [];
      const fromFirst = seen.length ? windowEnd - seen[0]!.at : 0;
      return {
        name,
        intervalMs,
        runs: (after.get(name)?.runCount ?? 0) - (before.get(name)?.runCount ?? 0),
        least: intervalMs * 4 <= windowMs ? Math.max(1, Math.floor(fromFirst / intervalMs / 2)) : 1,
        most: Math.floor(windowMs / intervalMs) + 1 + (cutShort.has(name) ? 1 : 0),
        seen,
      };
    });
    const who = (by: string | null) => (by === victim.holder ? 'killed' : by === survivor.holder ? 'survivor' : by);
    console.log(
      `[instances] window ${windowMs} ms (rows read every ${longestReadingGap} ms at most), cut short by the kill: ${[...cutShort].join(', ') || 'none'}\n` +
        counted
          .map((c) => `  ${c.name} every ${c.intervalMs} ms: ${c.runs} runs (${c.least} to ${c.most}) by ${c.seen.map((s) => who(s.by)).join(' ')}`)
          .join('\n'),
    );
    expect(longestReadingGap, 'the longest time between two readings of the job rows').toBeLessThan(Math.min(...intervals.values()));
    for (const { name, intervalMs, runs, least, most, seen } of counted) {
      expect(runs, name).toBeGreaterThanOrEqual(least);
      expect(runs, name).toBeLessThanOrEqual(most);
      // Each run was seen on its own and taken by one of the two workers (no third one ran anything).
      expect(seen.length, `${name}: runs between two readings`).toBe(runs);
      for (const s of seen) expect(holders, name).toContain(s.by);
      // Never two runs inside one interval: consecutive claims are an interval apart, or a lease
      // apart after a run the kill cut short.
      seen.slice(1).forEach((run, i) => {
        const previous = seen[i]!;
        const gap = run.at - previous.at;
        const takeOver = cutShort.has(name) && previous.by === victim.holder && run.by === survivor.holder;
        expect(gap, `${name}: run ${i + 1} came ${gap} ms after the one before`).toBeGreaterThanOrEqual(takeOver ? LEASE_MS : intervalMs);
      });
    }
    // The survivor runs the short jobs from the kill on.
    for (const name of ['launch-poller', 'kafka-lag-sampler']) expect(claims.get(name)?.at(-1)?.by, name).toBe(survivor.holder);
  } finally {
    sampling = false;
    await instanceB.dispose();
    await db.end();
  }
});
