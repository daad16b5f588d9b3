import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateEventSourceMappingCommand, CreateFunctionCommand, DeleteEventSourceMappingCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Actor } from '@/server/auth/actor';
import { createAwsClient, type AwsTargetRef } from '@/server/aws/clients';
import { listEventSourceMappings } from '@/server/aws/lambda-event-sources';
import { ensureSandboxTarget, listTargetsForActor, resolveTargetRef } from '@/server/targets/queries';
import type { TargetDto } from '@/lib/schemas/targets';

import { listKafkaEventSourceMappings } from './event-source-mappings';
import { ensureSandboxKafkaCluster } from './clusters';
import { listClusters } from './queries';
import { requireSandboxBrokers, uniqueName } from './test-support/sandbox-kafka';

/**
 * Lambda event source mappings in the sandbox account, through the portal's client factory: SQS
 * mappings are left out; a self-managed Kafka mapping on the sandbox broker (the sandbox launcher
 * accepts Kafka mappings, see EXTENSIONS.md) is matched to the sandbox cluster and its group's lag.
 */

const admin: Actor = { userId: 'int-test', email: 'int@example.com', name: 'Int', isPlatformAdmin: true, teams: [], via: 'session' };
const region = 'us-east-1';
let target: TargetDto;
let ref: AwsTargetRef;
let functionArn: string;
let queueArn: string;

beforeAll(async () => {
  if (!process.env.SANDBOX_AWS_ENDPOINT) throw new Error('SANDBOX_AWS_ENDPOINT is not set: run integration tests through `npm test`');
  await ensureSandboxTarget();
  await ensureSandboxKafkaCluster();
  target = (await listTargetsForActor(admin)).find((t) => t.isSandbox)!;
  ref = await resolveTargetRef(target, region);

  const name = uniqueName('esm-fn');
  const role = await createAwsClient(IAMClient, ref).send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
  const created = await createAwsClient(LambdaClient, ref).send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: role.Role!.Arn!,
      Handler: 'index.handler',
      Code: { ZipFile: zipSync({ 'index.js': strToU8('exports.handler = async () => ({});') }) },
    }),
  );
  functionArn = created.FunctionArn!;
  const sqs = createAwsClient(SQSClient, ref);
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl!, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  await createAwsClient(LambdaClient, ref).send(new CreateEventSourceMappingCommand({ FunctionName: functionArn, EventSourceArn: queueArn, BatchSize: 10 }));
});

describe('Lambda event source mappings in the sandbox', () => {
  it('lists mappings through the portal client and keeps only Kafka ones (none here)', async () => {
    const all = await listEventSourceMappings(ref);
    expect(all.some((m) => m.EventSourceArn === queueArn && m.FunctionArn === functionArn)).toBe(true);
    expect(await listKafkaEventSourceMappings(admin, target, region)).toEqual({
      target: { id: target.id, name: target.name, region, isSandbox: true },
      mappings: [],
      error: null,
    });
  });

  it('lists a self-managed Kafka mapping on the sandbox broker, linked to the sandbox cluster and its group lag', async () => {
    const lambda = createAwsClient(LambdaClient, ref);
    const groupId = uniqueName('esm-orders-replay');
    const created = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: functionArn,
        SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: [requireSandboxBrokers().split(',')[0]!] } },
        Topics: ['orders'],
        StartingPosition: 'TRIM_HORIZON',
        SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: groupId },
      }),
    );
    try {
      const { mappings } = await listKafkaEventSourceMappings(admin, target, region);
      const sandboxCluster = (await listClusters({ teamIds: null })).find((c) => c.isSandbox)!;
      expect(mappings).toEqual([
        expect.objectContaining({
          uuid: created.UUID,
          functionArn,
          topics: ['orders'],
          startingPosition: 'TRIM_HORIZON',
          consumerGroupId: groupId,
          source: { kind: 'self-managed', bootstrapServers: [requireSandboxBrokers().split(',')[0]] },
          cluster: { id: sandboxCluster.id, name: sandboxCluster.name },
          lagHref: `/kafka/${encodeURIComponent(sandboxCluster.id)}/groups/${encodeURIComponent(groupId)}`,
        }),
      ]);
    } finally {
      await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
    }
    expect((await listKafkaEventSourceMappings(admin, target, region)).mappings).toEqual([]);
  });

  it('refuses a Kafka mapping that breaks AWS rules, naming the rule', async () => {
    await expect(
      createAwsClient(LambdaClient, ref).send(
        new CreateEventSourceMappingCommand({
          FunctionName: functionArn,
          EventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/orders/5e8f3c1a-1b2c-4d5e-9f00-0a1b2c3d4e5f-3',
          Topics: ['orders', 'payments'],
          StartingPosition: 'TRIM_HORIZON',
        }),
      ),
    ).rejects.toThrow(/exactly one topic/);
  });
});
