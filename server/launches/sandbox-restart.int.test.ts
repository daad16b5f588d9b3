// A real restart of the sandbox account (its launcher stopped and started again, not DeleteStack):
// moto keeps stacks in memory, so every stack the database still lists is gone afterwards. The test
// runs its own sandbox on a spare port and its own database, so the suite's stacks and launches are
// not touched; server modules are imported only once both are in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateSandbox } from '@/server/test-support/private-sandbox';

const sandbox = privateSandbox('restart', { aws: true, kafka: false });

beforeAll(() => sandbox.setUp(), 180_000);
afterAll(() => sandbox.tearDown());

describe('after the sandbox account restarts', () => {
  it('marks launches whose stacks vanished deleted, saying why, and frees their names', async () => {
    const { db } = await import('@/server/db');
    const { seedDemoData } = await import('@/server/seed');
    const { loadActor } = await import('@/server/auth/queries');
    const { previewLaunch, startLaunch } = await import('@/server/launches/create');
    const { syncLaunchUntil } = await import('@/server/launches/test-support/sync-until');
    const { forgetStacksLostBySandboxRestart } = await import('@/server/launches/sandbox-restart');
    const { describeStack } = await import('@/server/aws/cloudformation');
    const { resolveTargetRefById } = await import('@/server/targets/queries');
    const { launchRequestSchema } = await import('@/lib/schemas/launches');
    const { syncLaunchesInFlight } = await import('@/server/launches/sync');
    const { listLaunchesInFlight } = await import('@/server/launches/queries');

    await seedDemoData(() => undefined);
    const falconDev = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
    const request = (stackName: string) =>
      launchRequestSchema.parse({ blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'us-east-1', stackName });
    const launched = await startLaunch(falconDev, request('it-restart-live'));
    expect((await syncLaunchUntil(launched.launchId, (s) => !s.endsWith('_IN_PROGRESS'))).status).toBe('CREATE_COMPLETE');
    const previewed = await previewLaunch(falconDev, request('it-restart-preview'));
    // Nothing vanished yet: nothing is marked.
    expect(await forgetStacksLostBySandboxRestart()).toBe(0);
    // A launch still being created when the sandbox goes (each resource step made to take 30 s).
    await sandbox.configure({ cfn_resource_delay_ms: 30_000 });
    const inFlight = await startLaunch(falconDev, request('it-restart-in-flight'));
    expect((await db.launch.findUniqueOrThrow({ where: { id: inFlight.launchId } })).status).toBe('CREATE_IN_PROGRESS');

    const before = await db.launch.findUniqueOrThrow({ where: { id: launched.launchId } });
    const ref = await resolveTargetRefById(before.targetId, before.region);
    await sandbox.stop();
    await sandbox.start();
    // The stack id CloudFormation no longer knows is "does not exist", which reads as no stack.
    expect(await describeStack(ref, before.stackId!)).toBeNull();

    // The poller finds the in-flight launch's stack gone and stops following it (it asked forever before).
    await syncLaunchesInFlight();
    expect(await db.launch.findUniqueOrThrow({ where: { id: inFlight.launchId } })).toMatchObject({
      status: 'DELETED',
      statusReason: 'The sandbox account was restarted, and its stacks went with it.',
      operation: null,
      activeKey: null,
    });
    expect((await listLaunchesInFlight()).map((l) => l.id)).not.toContain(inFlight.launchId);

    expect(await forgetStacksLostBySandboxRestart()).toBe(2);
    for (const id of [launched.launchId, previewed.previewId]) {
      expect(await db.launch.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: 'DELETED',
        statusReason: 'The sandbox account was restarted, and its stacks went with it.',
        operation: null,
        activeKey: null,
        deletedAt: expect.any(Date),
      });
    }
    // The name is free again, and the new stack (which exists) is left alone by the next pass.
    const again = await startLaunch(falconDev, request('it-restart-live'));
    expect(again.created).toBe(true);
    expect((await syncLaunchUntil(again.launchId, (s) => !s.endsWith('_IN_PROGRESS'))).status).toBe('CREATE_COMPLETE');
    expect(await forgetStacksLostBySandboxRestart()).toBe(0);
    expect((await db.launch.findUniqueOrThrow({ where: { id: again.launchId } })).status).toBe('CREATE_COMPLETE');
  }, 120_000);
});
