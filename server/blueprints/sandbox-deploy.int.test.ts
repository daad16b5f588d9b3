import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DeleteObjectCommand, GetObjectCommand, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { unzipSync } from 'fflate';
import { Kafka } from 'kafkajs';
import { EC2Client, RunInstancesCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetFunctionCommand, GetFunctionConfigurationCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, it } from 'vitest';

import { createAwsClient } from '@/server/aws/clients';
import { sandboxTargetRef } from '@/server/aws/test-support/sandbox-target';
import { env } from '@/server/env';
import { ensureArtefactBucket, s3Client } from '@/server/aws/s3';
import { sandboxKafkaConfig, uniqueName } from '@/server/kafka/test-support/sandbox-kafka';
import { seedDemoData } from '@/server/seed';
import { ensureSandboxKafkaCluster } from '@/server/kafka/clusters';
import { listKafkaEventSourceMappings } from '@/server/kafka/event-source-mappings';
import { listTargetsForActor } from '@/server/targets/queries';
import { loadActor } from '@/server/auth/queries';
import { previewLaunch, startLaunch } from '@/server/launches/create';
import { getLaunchDetail } from '@/server/launches/read';
import { teardownLaunch } from '@/server/launches/teardown';
import { syncLaunchUntil } from '@/server/launches/test-support/sync-until';
import { launchRequestSchema } from '@/lib/schemas/launches';
import type { Actor } from '@/server/auth/actor';
import type { LaunchPreviewDto } from '@/lib/launches/dto';

import { loadBlueprintLibrary } from './load';
import { resolveSandboxParameters } from './sandbox-parameters';
import type { BlueprintFiles } from './read-blueprint';

// Every sandbox-deployable blueprint is launched through the portal's own launch engine (packaging,
// artefact upload, change set with tags, execute, sync) into the sandbox account (SANDBOX_AWS_ENDPOINT),
// must reach CREATE_COMPLETE with the outputs its metadata promises, and must tear down cleanly.

const REGION = 'us-east-1';
const STACK_TIMEOUT_MS = 120_000;

const sandbox = sandboxTargetRef('blueprint-int-sandbox', REGION);

let falconDev: Actor;

const library = await loadBlueprintLibrary();
const deployable = [...library.blueprints.values()].filter((blueprint) => blueprint.metadata.sandbox.deployable);

/** Outputs the metadata promises that the template always declares (conditional ones may be absent). */
function promisedOutputs(blueprint: BlueprintFiles): string[] {
  const unconditional = new Set(blueprint.model.outputs.filter((output) => !output.condition).map((output) => output.name));
  return Object.keys(blueprint.metadata.outputs).filter((name) => unconditional.has(name));
}

/** Launches the blueprint as a developer would, checks it, runs `check` on its outputs (and preview), then tears it down. */
async function withLaunchedStack(
  blueprint: BlueprintFiles,
  check: (outputs: Map<string, string>, preview: LaunchPreviewDto, launchId: string) => Promise<void> = async () => {},
) {
  const request = launchRequestSchema.parse({
    blueprint: blueprint.metadata.slug,
    target: 'sandbox',
    region: REGION,
    stackName: `it-${blueprint.metadata.slug}-${Date.now().toString(36)}`.slice(0, 128),
    parameters: resolveSandboxParameters(blueprint.metadata.sandboxParameters),
  });
  const preview = await previewLaunch(falconDev, request);
  const { launchId } = await startLaunch(falconDev, { ...request, previewId: preview.previewId });
  try {
    const created = await syncLaunchUntil(launchId, (status) => !status.endsWith('_IN_PROGRESS'), STACK_TIMEOUT_MS);
    const detail = await getLaunchDetail(falconDev, launchId);
    const failures = detail.events.filter((e) => e.status.endsWith('_FAILED')).map((e) => `${e.logicalId}: ${e.reason}`);
    expect(created.status, failures.join('\n')).toBe('CREATE_COMPLETE');
    const outputs = new Map(detail.outputs.map((output) => [output.key, output.value]));
    for (const name of promisedOutputs(blueprint)) {
      expect(outputs.get(name), `output ${name}`).toBeTruthy();
    }
    await check(outputs, preview, launchId);
  } finally {
    await teardownLaunch(falconDev, launchId);
    const deleted = await syncLaunchUntil(launchId, (status) => status === 'DELETED' || status === 'DELETE_FAILED', STACK_TIMEOUT_MS);
    expect(deleted.status, deleted.statusReason ?? '').toBe('DELETED');
  }
}

/** Starts a named execution (moto otherwise returns an ARN ending in ":None") and waits for it to stop. */
async function runExecution(stateMachineArn: string, input: unknown) {
  const sfn = createAwsClient(SFNClient, sandbox);
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: `it-${Date.now()}`, input: JSON.stringify(input) }));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING' || Date.now() > deadline) return described;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs a Python script in `cwd` with `stdin` as its input and returns what it printed. */
async function runPython(cwd: string, script: string, stdin: string, python = 'python3'): Promise<string> {
  const child = execFile(python, ['-c', script], {
    cwd,
    env: { NODE_ENV: 'test', PATH: process.env.PATH, PYTHONDONTWRITEBYTECODE: '1', SANDBOX_AWS_ENDPOINT: env().SANDBOX_AWS_ENDPOINT },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  child.stdin?.end(stdin);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`python exited ${code}: ${stderr}`);
  return stdout;
}

beforeAll(async () => {
  expect(env().SANDBOX_AWS_ENDPOINT).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):/);
  await seedDemoData(() => undefined);
  falconDev = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
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
        'lambda-console-code-suggestions',
        'serverless-kafka-producer',
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
    'lambda-console-code-suggestions: with no role named, the stack creates one and attaches the policy to it',
    async () => {
      const blueprint = library.blueprints.get('lambda-console-code-suggestions');
      if (!blueprint) throw new Error('blueprint missing');
      await withLaunchedStack(blueprint, async (outputs) => {
        const roleArn = outputs.get('DeveloperRoleArn') ?? '';
        const roleName = roleArn.split('/').pop();
        const iam = createAwsClient(IAMClient, sandbox);
        const role = await iam.send(new GetRoleCommand({ RoleName: roleName }));
        expect(role.Role?.Arn).toBe(roleArn);
        expect(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? '')).toContain(':root');
        const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
        expect(attached.AttachedPolicies?.map((policy) => policy.PolicyArn)).toEqual([outputs.get('PolicyArn')]);
      });
    },
    STACK_TIMEOUT_MS * 2 + 30_000,
  );

  it(
    'image-moderation-least-privilege (SAM): the preview lists the expanded resources and the role carries the connector policies',
    async () => {
      const blueprint = library.blueprints.get('image-moderation-least-privilege');
      if (!blueprint) throw new Error('blueprint missing');
      await withLaunchedStack(blueprint, async (outputs, preview) => {
        expect(preview.capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND']);
        const added = preview.changes.map((change) => `${change.logicalId}:${change.resourceType}`);
        expect(added).toEqual(
          expect.arrayContaining([
            'ImageCatalogStateMachine:AWS::StepFunctions::StateMachine',
            'ImageCatalogStateMachineRole:AWS::IAM::Role',
            'ImageCatalogStateMachineToCatalogTableConnectorPolicy:AWS::IAM::ManagedPolicy',
          ]),
        );
        expect(added.filter((change) => change.includes('AWS::Serverless::'))).toEqual([]);
        const iam = createAwsClient(IAMClient, sandbox);
        const roleName = outputs.get('StateMachineRoleArn')?.split('/').pop();
        const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
        // The three connector policies (S3 Read, DynamoDB Write, SNS Write); Rekognition's is inline.
        expect(attached.AttachedPolicies?.filter((policy) => policy.PolicyName?.includes('Connector'))).toHaveLength(3);
      });
    },
    STACK_TIMEOUT_MS * 2 + 30_000,
  );

  it(
    'orders-nested-stacks (SAM): the SAM function in the nested application consumes the orders queue',
    async () => {
      const blueprint = library.blueprints.get('orders-nested-stacks');
      if (!blueprint) throw new Error('blueprint missing');
      await withLaunchedStack(blueprint, async (outputs, preview) => {
        expect(preview.changes.map((change) => change.resourceType)).toEqual(Array(4).fill('AWS::CloudFormation::Stack'));
        const lambda = createAwsClient(LambdaClient, sandbox);
        const functionName = outputs.get('StartWorkflowFunctionName');
        const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
        expect([config.Runtime, config.MemorySize, config.Timeout]).toEqual(['python3.13', 128, 10]);
        const mappings = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: functionName }));
        expect(mappings.EventSourceMappings?.map((mapping) => mapping.BatchSize)).toEqual([10]);
      });
    },
    STACK_TIMEOUT_MS * 2 + 30_000,
  );

  it(
    'serverless-kafka-producer: the deployed code bundles kafkajs, the MSK IAM signer and Powertools, and writes a request to the sandbox broker',
    async () => {
      const blueprint = library.blueprints.get('serverless-kafka-producer');
      if (!blueprint) throw new Error('blueprint missing');
      await withLaunchedStack(blueprint, async (outputs) => {
        const lambda = createAwsClient(LambdaClient, sandbox);
        const deployed = await lambda.send(new GetFunctionCommand({ FunctionName: outputs.get('ProducerFunctionName') }));
        // The sandbox's Code.Location names the artefact's key in the portal's bucket; read the zip from there.
        const key = new URL(deployed.Code!.Location!).pathname.slice(1);
        const stored = await s3Client(sandbox).send(new GetObjectCommand({ Bucket: await ensureArtefactBucket(sandbox), Key: key }));
        const files = unzipSync(await stored.Body!.transformToByteArray());
        expect(Object.keys(files).sort()).toEqual(['index.mjs', 'index.mjs.map']);
        const bundle = new TextDecoder().decode(files['index.mjs']);
        for (const dependency of ['kafkajs', 'aws-msk-iam-sasl-signer-js', '@aws-lambda-powertools/logger', '@aws-lambda-powertools/metrics', '@aws-lambda-powertools/tracer']) {
          expect(bundle.includes(`// node_modules/${dependency}/`), dependency).toBe(true);
        }
        // Nothing left for the runtime to resolve but Node's own modules (and the AWS SDK, via require).
        expect(bundle.match(/^import [^\n]* from ["'](?!node:)[^"']+["']/gm)).toBeNull();
        expect(bundle.match(/require\(["'](kafkajs|@aws-lambda-powertools\/[a-z]+)["']\)/g)).toBeNull();

        // The function points at the sandbox broker without IAM and outside any VPC.
        const config = deployed.Configuration!;
        expect(config.Environment?.Variables).toMatchObject({ BOOTSTRAP_BROKERS: env().SANDBOX_KAFKA_BROKERS, KAFKA_AUTH_MODE: 'NONE', TOPIC_NAME: 'messages' });
        expect(config.VpcConfig?.SubnetIds ?? []).toEqual([]);

        // The sandbox does not run Lambda code, so run the deployed bundle with the deployed environment
        // in a Node.js process of its own and read the record back from the broker.
        const kafka = new Kafka(sandboxKafkaConfig('it-producer'));
        const kafkaAdmin = kafka.admin();
        await kafkaAdmin.connect();
        if (!(await kafkaAdmin.listTopics()).includes('messages')) {
          await kafkaAdmin.createTopics({ topics: [{ topic: 'messages', numPartitions: 1 }], waitForLeaders: true });
        }
        const dir = await mkdtemp(path.join(tmpdir(), 'it-producer-'));
        await writeFile(path.join(dir, 'index.mjs'), files['index.mjs']!);
        const requestId = uniqueName('req');
        const invoke = `const { handler } = await import('./index.mjs');
          const result = await handler({ body: 'Hello World', isBase64Encoded: false }, { awsRequestId: '${requestId}', functionName: 'producer', invokedFunctionArn: 'arn', memoryLimitInMB: '512' });
          console.log('RESULT ' + JSON.stringify(result)); process.exit(0);`;
        const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', invoke], {
          cwd: dir,
          // The AWS SDK is left to the Lambda runtime; the portal's own node_modules stand in for the runtime's.
          env: { NODE_ENV: 'production', PATH: process.env.PATH, NODE_PATH: path.join(process.cwd(), 'node_modules'), AWS_REGION: REGION, ...config.Environment?.Variables },
          timeout: 30_000,
        });
        expect(JSON.parse(stdout.split('RESULT ')[1]!)).toMatchObject({ statusCode: 200 });
        // Powertools' logger wrote the structured line with the Lambda context.
        expect(stdout).toMatch(/"message":"record written".*"function_request_id":"req-/);

        const consumer = kafka.consumer({ groupId: uniqueName('it-producer-read') });
        const seen: string[] = [];
        await consumer.connect();
        await consumer.subscribe({ topic: 'messages', fromBeginning: true });
        await consumer.run({ eachMessage: async ({ message }) => void (message.key?.toString() === requestId && seen.push(message.value!.toString())) });
        const deadline = Date.now() + 20_000;
        while (seen.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        await consumer.disconnect();
        await kafkaAdmin.disconnect();
        expect(seen).toEqual(['Hello World']);
      });
    },
    STACK_TIMEOUT_MS * 2 + 60_000,
  );

  it(
    'msk-custom-consumer-group: a self-managed mapping on the sandbox broker keeps its consumer group id and shows on the Kafka page, linked to the launch and the group',
    async () => {
      const blueprint = library.blueprints.get('msk-custom-consumer-group');
      if (!blueprint) throw new Error('blueprint missing');
      const cluster = await ensureSandboxKafkaCluster();
      await withLaunchedStack(blueprint, async (outputs, _preview, launchId) => {
        const uuid = outputs.get('EventSourceMappingId');
        const target = (await listTargetsForActor(falconDev)).find((t) => t.isSandbox)!;
        const page = await listKafkaEventSourceMappings(falconDev, target, REGION);
        expect(page.error).toBeNull();
        const mapping = page.mappings.find((m) => m.uuid === uuid);
        expect(mapping).toMatchObject({
          consumerGroupId: 'specificTimeCG',
          topics: ['demoTopic01'],
          startingPosition: 'TRIM_HORIZON',
          source: { kind: 'self-managed', bootstrapServers: env().SANDBOX_KAFKA_BROKERS.split(',') },
          cluster: { id: cluster.id, name: 'sandbox' },
          lagHref: `/kafka/${cluster.id}/groups/specificTimeCG`,
          launch: { id: launchId },
        });
        // The launch's Kafka dashboard link names the group, which the page highlights among the mappings.
        const detail = await getLaunchDetail(falconDev, launchId);
        expect(detail.dashboards.find((d) => d.kind === 'kafka')?.href).toBe('/kafka?group=specificTimeCG');
      });
    },
    STACK_TIMEOUT_MS * 2 + 30_000,
  );

  it(
    'mainframe-jcl-step-functions: the workflow extracts the employee table and hands it with the feed to the comparison, which finds the mismatches',
    async () => {
      const blueprint = library.blueprints.get('mainframe-jcl-step-functions');
      if (!blueprint) throw new Error('blueprint missing');
      await withLaunchedStack(blueprint, async (outputs) => {
        const employee = (id: string, name: string, department: string) => ({ employee_id: id, name, department, start_date: '2024-06-03' });
        // The portal has no DynamoDB client (it never needs one); the sandbox's own boto3 fills the table.
        await runPython(
          process.cwd(),
          'import json, os, sys, boto3\n' +
            'event = json.load(sys.stdin)\n' +
            "table = boto3.resource('dynamodb', endpoint_url=os.environ['SANDBOX_AWS_ENDPOINT'], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test').Table(event['table'])\n" +
            "[table.put_item(Item=item) for item in event['items']]",
          JSON.stringify({ table: outputs.get('EmployeeTableName'), items: [employee('E100', 'Ana Silva', 'Finance'), employee('E101', 'Raj Patel', 'IT')] }),
          path.join(process.cwd(), '.sandbox', 'venv', 'bin', 'python'),
        );
        const bucket = outputs.get('FeedBucketName')!;
        const s3 = s3Client(sandbox);
        const feed = 'employee_id,name,department,start_date\nE100,Ana Silva,Finance,2024-06-03\nE101,Raj Patel,HR,2024-06-03\nE200,Li Wei,IT,2024-07-01\n';
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'feeds/new-employees.csv', Body: feed }));
        try {
          const execution = await runExecution(outputs.get('StateMachineArn')!, {});
          expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
          const state = JSON.parse(execution.output ?? '{}') as { extract: { count: number }; validation: { report: Record<string, unknown> } };
          expect(state.extract.count).toBe(2);
          // The sandbox's Lambda echoes its payload: what the workflow handed the function is the report.
          const payload = state.validation.report;
          expect(payload).toMatchObject({ feedKey: 'feeds/new-employees.csv', body: feed });
          expect(payload.employees).toHaveLength(2);
          // The function's own code, run on that payload, reports the two mismatches.
          const report = JSON.parse(
            await runPython(path.join(blueprint.dir, 'src', 'validate'), 'import json, sys, app; print(json.dumps(app.handler(json.load(sys.stdin), None)))', JSON.stringify(payload)),
          ) as Record<string, unknown>;
          expect(report).toMatchObject({ recordCount: 3, databaseCount: 2, matchedCount: 1, discrepancyCount: 2 });
          expect(report.discrepancies).toEqual([
            { line: 3, employeeId: 'E101', problems: ['department differs from the employee database (IT)'] },
            { line: 4, employeeId: 'E200', problems: ['not in the employee database'] },
          ]);
        } finally {
          // The bucket is versioned: every version must go before the stack can delete it.
          const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
          for (const version of [...(versions.Versions ?? []), ...(versions.DeleteMarkers ?? [])]) {
            await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: version.Key, VersionId: version.VersionId }));
          }
        }
      });
    },
    STACK_TIMEOUT_MS * 2 + 60_000,
  );

  it(
    'ec2-state-change-enrichment: the state machine created by the stack runs, falling back to the default name',
    async () => {
      const blueprint = library.blueprints.get('ec2-state-change-enrichment');
      if (!blueprint) throw new Error('blueprint missing');
      await withLaunchedStack(blueprint, async (outputs) => {
        const stateMachineArn = outputs.get('StateMachineArn');
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
