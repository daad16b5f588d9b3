import 'server-only';
import { Kafka, logLevel } from 'kafkajs';
import { env } from '@/server/env';
import { putObject } from '@/server/aws/s3';
import { loadActor } from '@/server/auth/queries';
import { previewLaunch, startLaunch } from '@/server/launches/create';
import { findActiveLaunch, findLaunch, parseOutputs } from '@/server/launches/queries';
import { forgetStacksLostBySandboxRestart } from '@/server/launches/sandbox-restart';
import { syncLaunch } from '@/server/launches/sync';
import { startExecutionFor } from '@/server/sfn/run';
import { findSandboxTargetId, resolveTargetRefById } from '@/server/targets/queries';
import { launchRequestSchema } from '@/lib/schemas/launches';
import type { Actor } from '@/server/auth/actor';

// What the demo shows on first sign-in, made in the sandbox through the portal's own code: two
// launches of team falcon, two runs of the mainframe batch job (an empty and a full feed), and a
// consumer group with lag on the sandbox broker. Each part is skipped when it is already there.

const REGION = 'us-east-1';
const LAG_TOPIC = 'demo-orders';
const LAG_GROUP = 'demo-billing';

type Log = (line: string) => void;

/** Launches a blueprint as `actor` unless a live launch of that name exists; waits until it settles. */
async function ensureLaunch(actor: Actor, blueprint: string, stackName: string): Promise<{ id: string; fresh: boolean; outputs: Map<string, string> } | null> {
  const existing = await findActiveLaunch(await findSandboxTargetId(), REGION, stackName);
  let id = existing?.id;
  if (!id) {
    const request = launchRequestSchema.parse({ blueprint, target: 'sandbox', region: REGION, stackName });
    const preview = await previewLaunch(actor, request);
    id = (await startLaunch(actor, { ...request, previewId: preview.previewId })).launchId;
  }
  const deadline = Date.now() + 120_000;
  for (;;) {
    const row = await findLaunch(id);
    if (!row) return null;
    if (!row.status.endsWith('_IN_PROGRESS')) {
      return row.status === 'CREATE_COMPLETE' || row.status === 'UPDATE_COMPLETE'
        ? { id, fresh: !existing, outputs: new Map(parseOutputs(row.outputs).map((o) => [o.key, o.value])) }
        : null;
    }
    if (Date.now() > deadline) return null;
    await syncLaunch(row);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function runBatchJob(actor: Actor, launch: { outputs: Map<string, string> }, targetId: string): Promise<void> {
  const bucket = launch.outputs.get('FeedBucketName');
  const stateMachineArn = launch.outputs.get('StateMachineArn');
  if (!bucket || !stateMachineArn) return;
  const target = await resolveTargetRefById(targetId, REGION);
  await putObject(target, { bucket, key: 'feeds/empty.csv', body: '' });
  await putObject(target, {
    bucket,
    key: 'feeds/new-employees.csv',
    body: 'employee_id,name,department,start_date\nE100,Ana Silva,Finance,2024-06-03\nE101,Ben Okafor,HR,2024-06-03\n',
  });
  const stamp = Date.now().toString(36);
  await startExecutionFor(actor, { stateMachineArn, name: `nightly-empty-${stamp}`, input: JSON.stringify({ feedKey: 'feeds/empty.csv' }) });
  await startExecutionFor(actor, { stateMachineArn, name: `nightly-${stamp}`, input: '{}' });
}

/** A topic of 3 × 100 records and an idle group that has read 80, 100 and 40 of them (lag 80). */
async function ensureLaggingGroup(): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'slipway-demo-seed',
    brokers: env().SANDBOX_KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 3 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(LAG_TOPIC)) return false;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: LAG_TOPIC, numPartitions: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    for (const partition of [0, 1, 2]) {
      const messages = Array.from({ length: 100 }, (_, i) => ({
        key: `order-${partition}-${i}`,
        value: JSON.stringify({ orderId: `${partition}-${i}`, total: 10 + i }),
      }));
      await producer.send({ topic: LAG_TOPIC, messages: messages.map((m) => ({ ...m, partition })) });
    }
    await producer.disconnect();
    await admin.setOffsets({
      groupId: LAG_GROUP,
      topic: LAG_TOPIC,
      partitions: [
        { partition: 0, offset: '80' },
        { partition: 1, offset: '100' },
        { partition: 2, offset: '40' },
      ],
    });
    return true;
  } finally {
    await admin.disconnect();
  }
}

/** Builds the showcase; needs the sandbox account and broker running. */
export async function seedShowcase(log: Log = console.log): Promise<void> {
  const forgotten = await forgetStacksLostBySandboxRestart();
  if (forgotten) log(`marked ${forgotten} launch(es) deleted: the sandbox restarted without their stacks`);
  const developer = await loadActor({ email: 'falcon-dev@example.com' }, 'session');
  if (!developer) throw new Error('Seed the demo users first.');
  const sandboxId = await findSandboxTargetId();

  const queue = await ensureLaunch(developer, 'sqs-managed-encryption', 'demo-orders-queue');
  log(queue ? 'showcase: launch demo-orders-queue' : 'showcase: demo-orders-queue did not complete (see the launch page)');
  const batch = await ensureLaunch(developer, 'mainframe-jcl-step-functions', 'demo-jcl-batch');
  if (batch?.fresh) await runBatchJob(developer, batch, sandboxId);
  log(batch ? 'showcase: launch demo-jcl-batch with two runs of its batch job' : 'showcase: demo-jcl-batch did not complete (see the launch page)');
  if (await ensureLaggingGroup()) log(`showcase: consumer group ${LAG_GROUP} lagging 80 records on ${LAG_TOPIC}`);
}
