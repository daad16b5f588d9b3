import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { EC2Client, RunInstancesCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, it } from 'vitest';

import { createAwsClient, SANDBOX_ACCOUNT_ID, type AwsTargetRef } from '@/server/aws/clients';
import { env } from '@/server/env';

import { loadBlueprintLibrary } from './load';
import { packageBlueprint, sha256Hex } from './package';
import type { BlueprintFiles } from './read-blueprint';
import { uploadArtefacts } from './upload';

// Every sandbox-deployable blueprint is packaged, uploaded and really created in the sandbox account
// (SANDBOX_AWS_ENDPOINT), must reach CREATE_COMPLETE with the outputs its metadata promises, and must
// delete cleanly.

const REGION = 'us-east-1';
const ARTEFACT_BUCKET = 'slipway-blueprint-int-artefacts';
// CloudFormation accepts template bodies up to 51,200 bytes; larger ones go through S3.
const MAX_TEMPLATE_BODY = 51_200;
const STACK_TIMEOUT_MS = 120_000;

const sandbox: AwsTargetRef = {
  id: 'blueprint-int-sandbox',
  name: 'Sandbox',
  accountId: SANDBOX_ACCOUNT_ID,
  region: REGION,
  roleArn: null,
  externalId: null,
  isSandbox: true,
};

const cloudFormation = () => createAwsClient(CloudFormationClient, sandbox);
const s3 = () => createAwsClient(S3Client, sandbox);

const library = await loadBlueprintLibrary();
const deployable = [...library.blueprints.values()].filter((blueprint) => blueprint.metadata.sandbox.deployable);

/** Polls DescribeStacks until the stack leaves *_IN_PROGRESS (creation is asynchronous). */
async function waitForStack(stackId: string): Promise<Stack> {
  const deadline = Date.now() + STACK_TIMEOUT_MS;
  for (;;) {
    const { Stacks } = await cloudFormation().send(new DescribeStacksCommand({ StackName: stackId }));
    const stack = Stacks?.[0];
    if (!stack) throw new Error(`stack ${stackId} not found`);
    if (!stack.StackStatus?.endsWith('_IN_PROGRESS')) return stack;
    if (Date.now() > deadline) throw new Error(`stack ${stackId} still ${stack.StackStatus}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The failure reasons of a stack's events, for a readable assertion message. */
async function failureReasons(stackId: string): Promise<string> {
  const { StackEvents } = await cloudFormation().send(new DescribeStackEventsCommand({ StackName: stackId }));
  return (StackEvents ?? [])
    .filter((event) => event.ResourceStatus?.endsWith('_FAILED'))
    .map((event) => `${event.LogicalResourceId}: ${event.ResourceStatusReason}`)
    .join('\n');
}

async function templateSource(blueprint: BlueprintFiles): Promise<{ TemplateBody: string } | { TemplateURL: string }> {
  const keyPrefix = `int/${blueprint.metadata.slug}/${blueprint.metadata.version}`;
  const packaged = await packageBlueprint({ blueprintDir: blueprint.dir, bucket: ARTEFACT_BUCKET, keyPrefix, region: REGION });
  await uploadArtefacts(s3(), ARTEFACT_BUCKET, packaged.artefacts);
  const body = JSON.stringify(packaged.template);
  if (Buffer.byteLength(body) <= MAX_TEMPLATE_BODY) return { TemplateBody: body };
  const key = `${keyPrefix}/${sha256Hex(new TextEncoder().encode(body))}.template.json`;
  await s3().send(new PutObjectCommand({ Bucket: ARTEFACT_BUCKET, Key: key, Body: body, ContentType: 'application/json' }));
  return { TemplateURL: `https://s3.${REGION}.amazonaws.com/${ARTEFACT_BUCKET}/${key}` };
}

/** Outputs the metadata promises that the template always declares (conditional ones may be absent). */
function promisedOutputs(blueprint: BlueprintFiles): string[] {
  const unconditional = new Set(blueprint.model.outputs.filter((output) => !output.condition).map((output) => output.name));
  return Object.keys(blueprint.metadata.outputs).filter((name) => unconditional.has(name));
}

/** Creates the blueprint's stack, checks it, runs `check` on it, then deletes it and waits for that. */
async function withLaunchedStack(blueprint: BlueprintFiles, check: (stack: Stack) => Promise<void> = async () => {}) {
  const stackName = `it-${blueprint.metadata.slug}-${Date.now().toString(36)}`.slice(0, 128);
  const { StackId } = await cloudFormation().send(
    new CreateStackCommand({
      StackName: stackName,
      ...(await templateSource(blueprint)),
      Capabilities: blueprint.model.capabilities,
      Parameters: Object.entries(blueprint.metadata.sandboxParameters ?? {}).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
    }),
  );
  if (!StackId) throw new Error('CreateStack returned no stack id');
  try {
    const created = await waitForStack(StackId);
    expect(created.StackStatus, await failureReasons(StackId)).toBe('CREATE_COMPLETE');
    const outputs = new Map((created.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
    for (const name of promisedOutputs(blueprint)) {
      expect(outputs.get(name), `output ${name}`).toBeTruthy();
    }
    await check(created);
  } finally {
    await cloudFormation().send(new DeleteStackCommand({ StackName: StackId }));
    const deleted = await waitForStack(StackId);
    expect(deleted.StackStatus, await failureReasons(StackId)).toBe('DELETE_COMPLETE');
  }
}

beforeAll(async () => {
  expect(env().SANDBOX_AWS_ENDPOINT).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):/);
  await s3()
    .send(new CreateBucketCommand({ Bucket: ARTEFACT_BUCKET }))
    .catch((error: { name?: string }) => {
      if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists') throw error;
    });
});

describe('sandbox-deployable blueprints', () => {
  it('include at least the eight the catalog promises', () => {
    expect(deployable.map((blueprint) => blueprint.metadata.slug)).toEqual(
      expect.arrayContaining([
        'ec2-state-change-enrichment',
        'image-moderation-least-privilege',
        'sqs-managed-encryption',
        'sns-message-data-protection',
        'orders-nested-stacks',
        'sqs-batch-lambda',
        'mainframe-jcl-step-functions',
        'lambda-abac',
      ]),
    );
  });

  it.each(deployable.map((blueprint) => [blueprint.metadata.slug, blueprint] as const))(
    '%s reaches CREATE_COMPLETE with its outputs and deletes cleanly',
    async (_slug, blueprint) => {
      await withLaunchedStack(blueprint);
    },
    STACK_TIMEOUT_MS * 2 + 30_000,
  );

  it(
    'ec2-state-change-enrichment: the state machine created by the stack runs, falling back to the default name',
    async () => {
      const blueprint = library.blueprints.get('ec2-state-change-enrichment');
      if (!blueprint) throw new Error('blueprint missing');
      await withLaunchedStack(blueprint, async (stack) => {
        const stateMachineArn = stack.Outputs?.find((output) => output.OutputKey === 'StateMachineArn')?.OutputValue;
        const ec2 = createAwsClient(EC2Client, sandbox);
        const sfn = createAwsClient(SFNClient, sandbox);
        const imageId = (await ec2.send(new DescribeImagesCommand({}))).Images?.[0]?.ImageId;
        const instance = await ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1 }));
        const instanceId = instance.Instances?.[0]?.InstanceId;
        const event = {
          'detail-type': 'EC2 Instance State-change Notification',
          source: 'aws.ec2',
          time: new Date().toISOString(),
          detail: { 'instance-id': instanceId, state: 'running' },
        };
        // Always name executions: moto otherwise returns an ARN ending in ":None".
        const { executionArn } = await sfn.send(
          new StartExecutionCommand({ stateMachineArn, name: `it-${Date.now()}`, input: JSON.stringify(event) }),
        );
        const deadline = Date.now() + 30_000;
        let status = 'RUNNING';
        let described;
        while (status === 'RUNNING' && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
          status = described.status ?? 'RUNNING';
        }
        expect(status, `${described?.error}: ${described?.cause}`).toBe('SUCCEEDED');
      });
    },
    STACK_TIMEOUT_MS * 2 + 60_000,
  );
});
