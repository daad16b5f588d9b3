import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudFormationClient, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { Kafka, logLevel } from 'kafkajs';
import { db } from '@/server/db';
import { env } from '@/server/env';
import { createAwsClient } from '@/server/aws/clients';
import { loadActor } from '@/server/auth/queries';
import { seedDemoData } from '@/server/seed';
import { seedShowcase } from '@/server/seed/showcase';
import { forgetStacksLostBySandboxRestart } from '@/server/launches/sandbox-restart';
import { teardownLaunch } from '@/server/launches/teardown';
import { syncLaunchUntil } from '@/server/launches/test-support/sync-until';
import { parseOutputs } from '@/server/launches/queries';
import { resolveTargetRefById } from '@/server/targets/queries';

// The demo showcase against the sandbox and the broker: built through the portal's own launch and
// execution code, idempotent, and a sandbox restart (stacks gone) frees the launches' names.

const names = ['demo-orders-queue', 'demo-jcl-batch'];
const live = () => db.launch.findMany({ where: { stackName: { in: names }, status: { notIn: ['DELETED', 'DISCARDED'] } }, orderBy: { stackName: 'asc' } });

beforeAll(async () => {
  await seedDemoData(() => undefined);
});

afterAll(async () => {
  const developer = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
  for (const launch of await live()) {
    await teardownLaunch(developer, launch.id);
    await syncLaunchUntil(launch.id, (s) => s === 'DELETED' || s === 'DELETE_FAILED', 90_000);
  }
});

describe('the demo showcase', () => {
  it('launches two blueprints, runs the batch job twice and leaves a lagging group; a second run adds nothing', async () => {
    const lines: string[] = [];
    await seedShowcase((line) => lines.push(line));
    const launches = await live();
    expect(launches.map((l) => [l.stackName, l.status])).toEqual([
      ['demo-jcl-batch', 'CREATE_COMPLETE'],
      ['demo-orders-queue', 'CREATE_COMPLETE'],
    ]);
    const batch = launches[0]!;
    const stateMachineArn = parseOutputs(batch.outputs).find((o) => o.key === 'StateMachineArn')!.value;
    const sfn = createAwsClient(SFNClient, await resolveTargetRefById(batch.targetId, batch.region));
    const runs = async () => (await sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions ?? [];
    expect((await runs()).map((e) => e.name).sort()).toEqual([expect.stringMatching(/^nightly-empty-/), expect.stringMatching(/^nightly-[a-z0-9]+$/)]);

    const kafka = new Kafka({ clientId: 'showcase-int-test', brokers: env().SANDBOX_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId: 'demo-billing', topics: ['demo-orders'] });
    await admin.disconnect();
    expect(committed[0]!.partitions.map((p) => [p.partition, p.offset]).sort()).toEqual([
      [0, '80'],
      [1, '100'],
      [2, '40'],
    ]);

    await seedShowcase(() => undefined);
    expect((await live()).map((l) => l.id)).toEqual(launches.map((l) => l.id));
    expect(await runs()).toHaveLength(2);
    expect(lines.join('\n')).toContain('demo-jcl-batch');
  }, 240_000);

  it('after a sandbox restart (the stack is gone) marks the launch deleted and says why', async () => {
    const queue = (await live()).find((l) => l.stackName === 'demo-orders-queue')!;
    const cfn = createAwsClient(CloudFormationClient, await resolveTargetRefById(queue.targetId, queue.region));
    await cfn.send(new DeleteStackCommand({ StackName: queue.stackId! }));
    // The sandbox deletes asynchronously: wait until the stack is gone.
    await expect
      .poll(
        async () => (await forgetStacksLostBySandboxRestart()) > 0 || (await db.launch.findUniqueOrThrow({ where: { id: queue.id } })).status === 'DELETED',
        { timeout: 30_000 },
      )
      .toBe(true);
    const after = await db.launch.findUniqueOrThrow({ where: { id: queue.id } });
    expect(after).toMatchObject({ status: 'DELETED', activeKey: null, statusReason: expect.stringMatching(/sandbox account was restarted/) });
  }, 60_000);
});
