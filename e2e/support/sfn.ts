import { expect, type APIRequestContext } from '@playwright/test';
import { CreateTagsCommand, DescribeImagesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { fromPortalPage } from './origin';

// Shared by the Step Functions specs (browser and API): launch blueprints into the sandbox through the
// portal's API, make AWS resources the workflows read directly in the sandbox, start and await executions.

export const REGION = 'us-east-1';
export const uid = () => Math.random().toString(36).slice(2, 8);

export function sandboxConfig() {
  const endpoint = process.env.SANDBOX_AWS_ENDPOINT;
  if (!endpoint) throw new Error('SANDBOX_AWS_ENDPOINT is not set: the test suite passes the sandbox address to Playwright.');
  // maxAttempts 1: the sandbox answers unimplemented calls with HTTP 500, retries only add delay.
  return { region: REGION, endpoint, credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' }, maxAttempts: 1 };
}

export type LaunchDetail = { id: string; status: string; operation: string | null; outputs: { key: string; value: string }[] };

/** Launch a blueprint into the sandbox through the API and wait until the stack settles. */
export async function launchBlueprint(request: APIRequestContext, blueprint: string, parameters: Record<string, string> = {}): Promise<LaunchDetail> {
  const stackName = `e2e-sfn-${blueprint.split('-')[0]}-${uid()}`;
  const res = await request.post('/api/v1/launches', {
    data: { blueprint, target: 'sandbox', region: REGION, stackName, parameters },
    headers: fromPortalPage,
  });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const deadline = Date.now() + 150_000;
  for (;;) {
    const detail = (await (await request.get(`/api/v1/launches/${id}`)).json()) as LaunchDetail;
    if (!/_IN_PROGRESS$/.test(detail.status) && !detail.operation) {
      expect(detail.status, `launch of ${blueprint}`).toBe('CREATE_COMPLETE');
      return detail;
    }
    if (Date.now() > deadline) throw new Error(`launch ${id} of ${blueprint} is still ${detail.status}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Delete a launch's stack (best effort: the sandbox is thrown away after the run anyway). */
export async function deleteLaunch(request: APIRequestContext, id: string | undefined): Promise<void> {
  if (id) await request.delete(`/api/v1/launches/${id}`, { headers: fromPortalPage }).catch(() => undefined);
}

export function outputOf(launch: LaunchDetail, key: string): string {
  const value = launch.outputs.find((o) => o.key === key)?.value;
  if (!value) throw new Error(`launch ${launch.id} has no output ${key}`);
  return value;
}

/** Runs an EC2 instance in the sandbox, with a Name tag when given; returns its id. */
export async function createInstance(name?: string): Promise<string> {
  const ec2 = new EC2Client(sandboxConfig());
  const images = await ec2.send(new DescribeImagesCommand({})).catch(() => ({ Images: [] }));
  const imageId = images.Images?.[0]?.ImageId ?? 'ami-12c6146b';
  const run = await ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }));
  const instanceId = run.Instances?.[0]?.InstanceId;
  if (!instanceId) throw new Error('the sandbox did not run an instance');
  if (name) await ec2.send(new CreateTagsCommand({ Resources: [instanceId], Tags: [{ Key: 'Name', Value: name }] }));
  return instanceId;
}

/** The EC2 state-change event of the "Enriching operational events" post, for one instance. */
export function ec2StateChangeEvent(instanceId: string) {
  return {
    version: '0',
    id: '672123fe-53aa-3b22-3b37-1fae26df2aff',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '123456789012',
    time: '2022-08-17T18:25:01Z',
    region: REGION,
    resources: [`arn:aws:ec2:${REGION}:123456789012:instance/${instanceId}`],
    detail: { 'instance-id': instanceId, state: 'running' },
  };
}

/** A queue subscribed (by a rule of our own) to the enriched events on the application bus. */
export async function subscribeQueueToBus(
  busName: string,
  pattern: Record<string, unknown>,
): Promise<{ read: (timeoutMs: number) => Promise<unknown[]>; dispose: () => Promise<void> }> {
  const sqs = new SQSClient(sandboxConfig());
  const events = new EventBridgeClient(sandboxConfig());
  const queueName = `e2e-enriched-${uid()}`;
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: queueName }));
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const ruleName = `e2e-enriched-${uid()}`;
  await events.send(new PutRuleCommand({ Name: ruleName, EventBusName: busName, EventPattern: JSON.stringify(pattern), State: 'ENABLED' }));
  await events.send(new PutTargetsCommand({ Rule: ruleName, EventBusName: busName, Targets: [{ Id: 'queue', Arn: attributes.Attributes!.QueueArn! }] }));
  return {
    async read(timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      const bodies: unknown[] = [];
      while (Date.now() < deadline && bodies.length === 0) {
        const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        for (const m of got.Messages ?? []) bodies.push(JSON.parse(m.Body ?? 'null'));
      }
      return bodies;
    },
    dispose: async () => {
      await sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(() => undefined);
    },
  };
}

/** Puts a feed file where the mainframe JCL workflow reads it (its FeedKey default). */
export async function putFeed(bucket: string, key: string, body: string): Promise<void> {
  const s3 = new S3Client({ ...sandboxConfig(), forcePathStyle: true });
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

export type ExecutionDetail = {
  executionArn: string;
  name: string;
  status: string;
  input: string | null;
  output: string | null;
  error: string | null;
  cause: string | null;
  startDate: string;
  stopDate: string | null;
  states: {
    nodeId: string;
    name: string;
    type: string;
    status: string;
    visits: {
      enteredAt: string;
      exitedAt?: string;
      durationMs?: number;
      input?: string;
      output?: string;
      error?: string;
      cause?: string;
      retries: unknown[];
    }[];
  }[];
  graph: {
    nodes: { id: string; name: string; status: string; kind: string }[];
    edges: { id: string; source: string; target: string; kind: string; taken: boolean }[];
  };
  banner: unknown;
};

export const executionPath = (arn: string, suffix = '') => `/api/v1/stepfunctions/executions/${encodeURIComponent(arn)}${suffix}`;

/** Start an execution through the portal's API; returns its ARN. */
export async function startExecution(request: APIRequestContext, stateMachineArn: string, input: unknown, name = `e2e-${uid()}`): Promise<string> {
  const res = await request.post('/api/v1/stepfunctions/executions', {
    data: { stateMachineArn, name, input: JSON.stringify(input) },
    headers: fromPortalPage,
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { executionArn: string }).executionArn;
}

/** Poll the execution through the portal until it is no longer running. */
export async function waitForExecution(request: APIRequestContext, executionArn: string, timeoutMs = 60_000): Promise<ExecutionDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request.get(executionPath(executionArn));
    expect(res.status(), await res.text()).toBe(200);
    const detail = (await res.json()) as ExecutionDetail;
    if (detail.status !== 'RUNNING') return detail;
    if (Date.now() > deadline) throw new Error(`execution ${executionArn} is still running`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Status of a state by name in an execution DTO. */
export function stateStatus(detail: ExecutionDetail, name: string): string | undefined {
  return detail.states.find((s) => s.name === name)?.status;
}

/**
 * State machines the specs make directly in the sandbox belong to no launch: this tag assigns them to
 * falcon through the rule e2e/auth.setup.ts adds (Settings → Resource ownership), as a team would.
 */
export const E2E_OWNER_TAG = { key: 'slipway-e2e-team', value: 'falcon' };

/** An Express state machine that logs every event, with its input and output, to a new log group. */
export async function createExpressMachine(): Promise<{ arn: string; logGroupName: string }> {
  const iam = new IAMClient(sandboxConfig());
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const role = await iam.send(new CreateRoleCommand({ RoleName: `e2e-sfn-express-${uid()}`, AssumeRolePolicyDocument: JSON.stringify(trust) }));
  const logGroupName = `/aws/vendedlogs/states/e2e-express-${uid()}`;
  await new CloudWatchLogsClient(sandboxConfig()).send(new CreateLogGroupCommand({ logGroupName }));
  const created = await new SFNClient(sandboxConfig()).send(
    new CreateStateMachineCommand({
      name: `e2e-express-${uid()}`,
      type: 'EXPRESS',
      tags: [E2E_OWNER_TAG],
      roleArn: role.Role!.Arn!,
      loggingConfiguration: {
        level: 'ALL',
        includeExecutionData: true,
        destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:${REGION}:123456789012:log-group:${logGroupName}:*` } }],
      },
      definition: JSON.stringify({
        StartAt: 'Price order',
        States: { 'Price order': { Type: 'Pass', Result: { total: 42 }, ResultPath: '$.price', End: true } },
      }),
    }),
  );
  return { arn: created.stateMachineArn!, logGroupName };
}

/** A state machine made directly in the sandbox that waits `seconds` (time enough to watch and stop it); `tags: []` leaves it unowned. */
export async function createWaitingMachine(seconds = 60, tags = [E2E_OWNER_TAG]): Promise<string> {
  const iam = new IAMClient(sandboxConfig());
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const role = await iam.send(new CreateRoleCommand({ RoleName: `e2e-sfn-wait-${uid()}`, AssumeRolePolicyDocument: JSON.stringify(trust) }));
  const sfn = new SFNClient(sandboxConfig());
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name: `e2e-wait-${uid()}`,
      roleArn: role.Role!.Arn!,
      tags,
      definition: JSON.stringify({
        StartAt: 'Wait a minute',
        States: { 'Wait a minute': { Type: 'Wait', Seconds: seconds, Next: 'Done' }, Done: { Type: 'Succeed' } },
      }),
    }),
  );
  return created.stateMachineArn!;
}
