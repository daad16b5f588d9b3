import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LambdaClient, ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAwsClient } from '@/server/aws/clients';
import { sandboxTargetRef } from '@/server/aws/test-support/sandbox-target';
import { loadActor } from '@/server/auth/queries';
import { loadBlueprintLibrary } from '@/server/blueprints/load';
import { resolveSandboxParameters } from '@/server/blueprints/sandbox-parameters';
import { previewLaunch, startLaunch } from '@/server/launches/create';
import { getLaunchDetail } from '@/server/launches/read';
import { teardownLaunch } from '@/server/launches/teardown';
import { syncLaunchUntil } from '@/server/launches/test-support/sync-until';
import { seedDemoData } from '@/server/seed';
import { getFindingMetrics, listTopicFindings } from '@/server/sns/findings';
import { CLINIC_MESSAGES } from '@/lib/sns/clinic-policy';
import { launchRequestSchema } from '@/lib/schemas/launches';
import type { Actor } from '@/server/auth/actor';

// The post's test, end to end: the clinic blueprint launched through the portal's launch engine into
// the sandbox, the post's four messages published to its topic, what each subscriber's queue received,
// and the audit records and metrics read back through the portal's findings code.

const REGION = 'us-east-1';
const STACK_TIMEOUT_MS = 180_000;
const sandbox = sandboxTargetRef('sns-clinic-int', REGION);

let falconDev: Actor;
let launchId: string;
const outputs = new Map<string, string>();

/** Every message body a queue holds now (SNS envelopes unwrapped), read until it is empty. */
async function drain(queueUrl: string): Promise<string[]> {
  const sqs = createAwsClient(SQSClient, sandbox);
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    if (Messages.length === 0) return bodies;
    for (const m of Messages) {
      const body = m.Body ?? '';
      bodies.push(body.startsWith('{') ? ((JSON.parse(body) as { Message?: string }).Message ?? body) : body);
    }
  }
}

beforeAll(async () => {
  await seedDemoData(() => undefined);
  falconDev = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
  const blueprint = (await loadBlueprintLibrary()).blueprints.get('sns-message-data-protection');
  if (!blueprint) throw new Error('the clinic blueprint is missing');
  const request = launchRequestSchema.parse({
    blueprint: 'sns-message-data-protection',
    target: 'sandbox',
    region: REGION,
    stackName: `it-clinic-${Date.now().toString(36)}`,
    parameters: resolveSandboxParameters(blueprint.metadata.sandboxParameters),
  });
  const preview = await previewLaunch(falconDev, request);
  ({ launchId } = await startLaunch(falconDev, { ...request, previewId: preview.previewId }));
  const created = await syncLaunchUntil(launchId, (status) => !status.endsWith('_IN_PROGRESS'), STACK_TIMEOUT_MS);
  expect(created.status).toBe('CREATE_COMPLETE');
  for (const output of (await getLaunchDetail(falconDev, launchId)).outputs) outputs.set(output.key, output.value);
  // The subscribers' functions would take the messages off their queues; pause them so the queues show what SNS delivered.
  const lambda = createAwsClient(LambdaClient, sandbox);
  for (const name of [outputs.get('BillingFunctionName'), outputs.get('SchedulingFunctionName')]) {
    const { EventSourceMappings = [] } = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: name }));
    for (const mapping of EventSourceMappings) await lambda.send(new UpdateEventSourceMappingCommand({ UUID: mapping.UUID, Enabled: false }));
  }
}, STACK_TIMEOUT_MS + 30_000);

afterAll(async () => {
  if (!launchId) return;
  await teardownLaunch(falconDev, launchId).catch(() => undefined);
});

describe('the clinic blueprint in the sandbox, as the post tests it', () => {
  it('delivers, denies and audits the four messages as the policy says, and the findings read them back', async () => {
    const topicArn = outputs.get('ClinicTopicArn')!;
    const sns = createAwsClient(SNSClient, sandbox);
    const from = new Date(Date.now() - 60_000).toISOString();

    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: CLINIC_MESSAGES.noPii }));
    await expect(sns.send(new PublishCommand({ TopicArn: topicArn, Message: CLINIC_MESSAGES.ssn }))).rejects.toMatchObject({
      name: 'AuthorizationErrorException',
    });
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: CLINIC_MESSAGES.address }));
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: CLINIC_MESSAGES.drugCode }));

    expect((await drain(outputs.get('BillingQueueUrl')!)).sort()).toEqual([CLINIC_MESSAGES.address, CLINIC_MESSAGES.noPii].sort());
    expect((await drain(outputs.get('SchedulingQueueUrl')!)).sort()).toEqual([CLINIC_MESSAGES.drugCode, CLINIC_MESSAGES.noPii].sort());

    const to = new Date(Date.now() + 60_000).toISOString();
    const page = await listTopicFindings(falconDev, topicArn, { from, to, limit: 200 });
    const denials = page.records.filter((r) => r.denial).map((r) => [r.outcome, r.denial!.statementSid, r.dataIdentifiers.map((d) => d.name).join()]);
    expect(denials.sort()).toEqual(
      [
        ['denied-inbound', 'deny-inbound', 'Ssn-US'],
        ['denied-outbound', 'deny-outbound-billing', 'NationalDrugCode-US'],
        ['denied-outbound', 'deny-outbound-scheduling', 'Address'],
      ].sort(),
    );
    const ssn = page.records.find((r) => r.outcome === 'denied-inbound')!;
    expect(ssn.dataIdentifiers).toEqual([{ name: 'Ssn-US', count: 1, detections: [{ start: 5, end: 15 }] }]);
    expect(page.aggregate.byOutcome['denied-inbound']).toBe(1);
    expect(page.aggregate.byOutcome['denied-outbound']).toBe(2);

    const metrics = await getFindingMetrics(falconDev, topicArn, { from, to });
    const sum = (key: 'withFindings' | 'withNoFindings') => metrics.points.reduce((total, p) => total + p[key], 0);
    expect([sum('withFindings'), sum('withNoFindings')]).toEqual([3, 1]);
  }, 120_000);
});
