// The sandbox AWS account (moto) stopped mid-run and started again, with the portal's process left
// running: while it is down, the launches and executions functions say so with UNAVAILABLE (a 503
// that names the sandbox and how to start it, not a 500), what is stored keeps answering, the poller
// neither throws nor gives up on a launch; once it is back the same process works again by itself.
// The test runs its own sandbox on a spare port and its own database, so stopping it touches no one
// else's; server modules are imported only once both are in place (the environment is read once).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { privateSandbox } from '@/server/test-support/private-sandbox';

// Outside a request there is no cookie store: the target switcher's cookie is simply not set.
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => undefined }) }));

const sandbox = privateSandbox('aws-stopped', { aws: true, kafka: false });

beforeAll(() => sandbox.setUp({ SLIPWAY_AWS_MODE: 'sandbox' }), 180_000);
afterAll(() => sandbox.tearDown());

describe('the sandbox AWS account stopped mid-run', () => {
  it('degrades the launches and executions pages with a clear message and recovers without a restart of the portal', async () => {
    const { db } = await import('@/server/db');
    const { seedDemoData } = await import('@/server/seed');
    const { loadActor } = await import('@/server/auth/queries');
    const { previewLaunch, startLaunch } = await import('@/server/launches/create');
    const { getLaunchDetail, listLaunches } = await import('@/server/launches/read');
    const { syncLaunchesInFlight } = await import('@/server/launches/sync');
    const { listLaunchesInFlight } = await import('@/server/launches/queries');
    const { listStateMachinesWithActivity } = await import('@/server/sfn/state-machines');
    const { loadForPage } = await import('@/server/page-load');
    const { errorResponse } = await import('@/server/http');
    const { checkHealth } = await import('@/server/health/check');
    const { launchListSchema, launchRequestSchema } = await import('@/lib/schemas/launches');

    await seedDemoData(() => undefined);
    const falconDev = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
    const request = (stackName: string) =>
      launchRequestSchema.parse({ blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'us-east-1', stackName });
    const sandboxHealth = async () => (await checkHealth()).dependencies.find((d) => d.name === 'sandbox-aws');

    // Up: the pages' functions answer.
    expect((await loadForPage(() => listStateMachinesWithActivity(falconDev, {}))).ok).toBe(true);
    expect(await sandboxHealth()).toMatchObject({ status: 'up' });
    // A launch still being created when the sandbox goes (each resource step made to take 30 s).
    await sandbox.configure({ cfn_resource_delay_ms: 30_000 });
    const inFlight = await startLaunch(falconDev, request('it-stopped-in-flight'));
    expect((await db.launch.findUniqueOrThrow({ where: { id: inFlight.launchId } })).status).toBe('CREATE_IN_PROGRESS');

    await sandbox.stop();

    // The executions page shows the problem as written (loadForPage hands it back instead of throwing).
    const executions = await loadForPage(() => listStateMachinesWithActivity(falconDev, {}));
    expect(executions).toEqual({
      ok: false,
      problem: {
        code: 'UNAVAILABLE',
        dependency: 'sandbox-aws',
        message: expect.stringMatching(/^The sandbox AWS account \(the local moto server\) is not answering, .*npm run sandbox -- start/),
      },
    });
    // A new launch is refused with the same kind of answer: the API's 503, never a 500.
    const refused = await previewLaunch(falconDev, request('it-stopped-new')).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/^Could not reach AWS in target .*npm run sandbox -- start/) });
    const response = errorResponse(refused);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: 'UNAVAILABLE', message: (refused as Error).message } });
    // What is stored keeps answering: the launches list and the launch page need no AWS call.
    expect((await listLaunches(falconDev, launchListSchema.parse({}))).launches.map((l) => l.id)).toContain(inFlight.launchId);
    expect(await getLaunchDetail(falconDev, inFlight.launchId)).toMatchObject({ status: 'CREATE_IN_PROGRESS' });
    // The worker's poller logs and carries on: the launch is neither failed nor dropped for an outage.
    await expect(syncLaunchesInFlight()).resolves.toBeGreaterThanOrEqual(0);
    expect((await db.launch.findUniqueOrThrow({ where: { id: inFlight.launchId } })).status).toBe('CREATE_IN_PROGRESS');
    expect((await listLaunchesInFlight()).map((l) => l.id)).toContain(inFlight.launchId);
    expect(await sandboxHealth()).toMatchObject({ status: 'down', message: expect.stringContaining('npm run sandbox -- start') });

    // Back on the same port: the same process, its cached clients included, works again.
    await sandbox.start();
    expect(await sandboxHealth()).toMatchObject({ status: 'up' });
    const recovered = await loadForPage(() => listStateMachinesWithActivity(falconDev, {}));
    expect(recovered).toMatchObject({ ok: true, data: { stateMachines: [] } });
    const preview = await previewLaunch(falconDev, request('it-stopped-after'));
    expect(preview.previewId).toEqual(expect.any(String));
    // moto keeps stacks in memory: the in-flight launch's stack went with the restart, and the
    // poller says so and stops following it (server/launches/sandbox-restart.ts).
    await syncLaunchesInFlight();
    expect(await db.launch.findUniqueOrThrow({ where: { id: inFlight.launchId } })).toMatchObject({
      status: 'DELETED',
      statusReason: 'The sandbox account was restarted, and its stacks went with it.',
    });
  }, 180_000);
});
