import { beforeAll, describe, expect, it } from 'vitest';
import { CloudFormationClient, CreateStackCommand, DeleteChangeSetCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { db } from '@/server/db';
import { AppError } from '@/server/errors';
import { env } from '@/server/env';
import { seedDemoData } from '@/server/seed';
import { loadActor } from '@/server/auth/queries';
import { createAwsClient } from '@/server/aws/clients';
import { resolveTargetRefById } from '@/server/targets/queries';
import { discardPreview, previewLaunch, startLaunch } from '@/server/launches/create';
import { getLaunchBuildProgress, getLaunchDetail } from '@/server/launches/read';
import { syncLaunchesInFlight } from '@/server/launches/sync';
import { syncLaunchUntil } from '@/server/launches/test-support/sync-until';
import { insertLaunch } from '@/server/launches/queries';
import { updateLaunchStack } from '@/server/launches/update';
import { teardownLaunch, detectLaunchDrift } from '@/server/launches/teardown';
import type { Actor } from '@/server/auth/actor';
import { launchRequestSchema, type LaunchRequest } from '@/lib/schemas/launches';

// Against the sandbox account (SANDBOX_AWS_ENDPOINT) and the test database (DATABASE_URL).
let falconDev: Actor;
let falconViewer: Actor;
let eagleDev: Actor;

async function actor(email: string): Promise<Actor> {
  return (await loadActor({ email }, 'session'))!;
}

const unique = () => Math.random().toString(36).slice(2, 7);
// Parsed like the API parses a body (numbers become CloudFormation's strings).
const request = (over: Record<string, unknown> = {}): LaunchRequest =>
  launchRequestSchema.parse({ blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'us-east-1', stackName: `it-sqs-${unique()}`, ...over });

const waitFor = syncLaunchUntil;

beforeAll(async () => {
  await seedDemoData(() => undefined);
  falconDev = await actor('falcon-dev@example.com');
  falconViewer = await actor('falcon-viewer@example.com');
  eagleDev = await actor('eagle-dev@example.com');
});

describe('launching a blueprint into the sandbox', () => {
  it('refuses parameter values that break a blueprint rule, naming the parameter and the rule, before any AWS call', async () => {
    const refused = (parameters: Record<string, unknown>) =>
      previewLaunch(falconDev, request({ blueprint: 'sqs-batch-lambda', stackName: `it-rule-${unique()}`, parameters })).catch((e: unknown) => e as AppError);
    const window = await refused({ BatchSize: 100, BatchingWindowSeconds: 0 });
    expect(window).toMatchObject({ code: 'VALIDATION' });
    expect((window as AppError).fields?.['parameters.BatchingWindowSeconds']?.[0]).toMatch(
      /^BatchingWindowSeconds must be at least 1 when BatchSize is above 10/,
    );
    const timeout = await refused({ BatchSize: 10000, BatchingWindowSeconds: 5, PerMessageWorkMs: 10, FunctionTimeout: 30 });
    expect((timeout as AppError).fields?.['parameters.BatchSize']?.[0]).toMatch(/^BatchSize x PerMessageWorkMs \(ms\) must fit in FunctionTimeout/);
  });

  it('builds the function code before the change set and lists the builds in the preview', async () => {
    const req = request({ blueprint: 'powertools-typescript-observability', stackName: `it-build-${unique()}`, parameters: { PowertoolsLayerVersion: '0' } });
    const preview = await previewLaunch(falconDev, req);
    expect(preview.builds.map((b) => [b.functionId, b.tool]).sort()).toEqual([
      ['DeleteProductFunction', 'esbuild'],
      ['GetProductFunction', 'esbuild'],
      ['GetProductsFunction', 'esbuild'],
      ['PutProductFunction', 'esbuild'],
    ]);
    expect(preview.builds.every((b) => b.runtime === 'nodejs22.x' && b.sizeBytes > 0)).toBe(true);
    // Asking again for the same preview finds it already made: nothing is built again.
    expect((await previewLaunch(falconDev, req)).builds).toEqual([]);
    // The builds stay on the launch, as the launch form and page follow them.
    const followed = await getLaunchBuildProgress(falconDev, { target: 'sandbox', region: 'us-east-1', stackName: req.stackName });
    expect(followed).toMatchObject({ launchId: preview.previewId, status: 'REVIEW_IN_PROGRESS' });
    expect(followed.builds.map((b) => b.functionId).sort()).toEqual(preview.builds.map((b) => b.functionId).sort());
    expect(followed.builds.every((b) => (b.status === 'built' || b.status === 'cached') && (b.sizeBytes ?? 0) > 0 && b.error === null)).toBe(true);
    // Nobody else sees them.
    expect(await getLaunchBuildProgress(eagleDev, { target: 'sandbox', region: 'us-east-1', stackName: req.stackName })).toEqual({
      launchId: null,
      status: null,
      builds: [],
    });
    await discardPreview(preview.previewId, 'test over');
  });

  it('records each function build on the launch as it goes, and a failed build ends the launch before CloudFormation', async () => {
    const req = request({ blueprint: 'test-build-failure', stackName: `it-build-fail-${unique()}` });
    const error = (await previewLaunch(falconDev, req).catch((e: unknown) => e)) as AppError;
    expect(error).toMatchObject({ code: 'VALIDATION' });
    expect(error.message).toMatch(
      /^The build of function BrokenFunction \(nodejs22\.x\) failed: esbuild: index\.mjs:2:\d+: Could not resolve "\.\/nowhere\.mjs"/,
    );

    const followed = await getLaunchBuildProgress(falconDev, { target: 'sandbox', region: 'us-east-1', stackName: req.stackName });
    expect(followed.status).toBe('FAILED_TO_START');
    expect(followed.builds).toEqual([
      expect.objectContaining({ functionId: 'WorkingFunction', tool: 'esbuild', status: expect.stringMatching(/^(built|cached)$/), error: null }),
      expect.objectContaining({ functionId: 'BrokenFunction', tool: 'esbuild', status: 'failed', sizeBytes: null, error: error.message }),
    ]);
    const detail = await getLaunchDetail(falconDev, followed.launchId!);
    expect(detail.status).toBe('FAILED_TO_START');
    expect(detail.statusReason).toBe(error.message);
    expect(detail.builds).toEqual(followed.builds);
    // Nothing reached CloudFormation: no change set, no stack.
    const row = await db.launch.findUniqueOrThrow({ where: { id: followed.launchId! } });
    expect([row.changeSetId, row.stackId]).toEqual([null, null]);
    const cfn = createAwsClient(CloudFormationClient, await resolveTargetRefById(row.targetId, 'us-east-1'));
    await expect(cfn.send(new DescribeStacksCommand({ StackName: req.stackName }))).rejects.toThrow(/does not exist/);
  });

  it('previews the change set, creates the stack with per-resource events, updates and tears it down', async () => {
    const req = request({ parameters: { VisibilityTimeout: 45 } });
    const preview = await previewLaunch(falconDev, req);
    expect(preview.changeSetType).toBe('CREATE');
    expect(preview.changes.some((c) => c.action === 'Add' && c.resourceType === 'AWS::SQS::Queue')).toBe(true);
    expect(preview.tags).toMatchObject({ 'project-name': 'falcon', owner: 'falcon-dev@example.com' });

    const { launchId, created } = await startLaunch(falconDev, { ...req, previewId: preview.previewId });
    expect(created).toBe(true);
    expect(launchId).toBe(preview.previewId);
    const done = await waitFor(launchId, (s) => !s.endsWith('_IN_PROGRESS'));
    expect(done.status).toBe('CREATE_COMPLETE');

    const detail = await getLaunchDetail(falconDev, launchId);
    expect(detail.outputs.map((o) => o.key)).toEqual(expect.arrayContaining(['QueueUrl', 'QueueArn']));
    const queueEvents = detail.events.filter((e) => e.resourceType === 'AWS::SQS::Queue').map((e) => e.status);
    expect(queueEvents).toEqual(['CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
    expect(detail.events.at(-1)).toMatchObject({ logicalId: req.stackName, status: 'CREATE_COMPLETE' });
    expect(detail.progress.done).toBe(detail.progress.total);
    expect(detail.parameters.VisibilityTimeout).toBe('45');
    // The team's required tags are on the stack itself, so CloudFormation propagates them to resources.
    const ref = await resolveTargetRefById(done.targetId, done.region);
    const [stack] = (await createAwsClient(CloudFormationClient, ref).send(new DescribeStacksCommand({ StackName: req.stackName }))).Stacks ?? [];
    expect(Object.fromEntries((stack?.Tags ?? []).map((t) => [t.Key, t.Value]))).toMatchObject({ 'project-name': 'falcon', owner: 'falcon-dev@example.com' });

    // A double-click on Launch finds the launch already under way.
    expect(await startLaunch(falconDev, { ...req, previewId: preview.previewId })).toEqual({ launchId, created: false });

    const dry = await updateLaunchStack(falconDev, launchId, { parameters: { VisibilityTimeout: '90' }, dryRun: true });
    expect(dry.started).toBe(false);
    expect(dry.preview.changes, JSON.stringify(dry.preview.changes)).toContainEqual(expect.objectContaining({ action: 'Modify' }));
    const applied = await updateLaunchStack(falconDev, launchId, { parameters: { VisibilityTimeout: '90' }, dryRun: false });
    expect(applied.started).toBe(true);
    expect((await waitFor(launchId, (s) => !s.endsWith('_IN_PROGRESS'))).status).toBe('UPDATE_COMPLETE');
    expect((await getLaunchDetail(falconDev, launchId)).parameters.VisibilityTimeout).toBe('90');

    // Nothing changed outside CloudFormation: the queue matches the template (the update included).
    expect(await detectLaunchDrift(falconDev, launchId)).toMatchObject({
      supported: true,
      report: { status: 'IN_SYNC', resources: [expect.objectContaining({ resourceType: 'AWS::SQS::Queue', status: 'IN_SYNC', differences: [] })] },
    });

    expect(await teardownLaunch(falconDev, launchId)).toEqual({ started: true });
    const deleted = await waitFor(launchId, (s) => s === 'DELETED' || s === 'DELETE_FAILED');
    expect(deleted.status).toBe('DELETED');
    expect(deleted.activeKey).toBeNull();
    const audit = await db.auditLog.findMany({ where: { resourceId: launchId }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['launch.preview', 'launch.create', 'launch.update', 'launch.delete']));
    const update = audit.find((a) => a.action === 'launch.update')!;
    expect(JSON.parse(update.details!)).toMatchObject({ changed: { VisibilityTimeout: { from: '45', to: '90' } } });
  }, 120_000);

  it('puts a launch back as it was when CloudFormation refuses the update, audits the failure, and updates later', async () => {
    const req = request();
    const { launchId } = await startLaunch(falconDev, req);
    expect((await waitFor(launchId, (s) => !s.endsWith('_IN_PROGRESS'))).status).toBe('CREATE_COMPLETE');
    const change = { parameters: { VisibilityTimeout: '120' } };
    await updateLaunchStack(falconDev, launchId, { ...change, dryRun: true });
    // The previewed change set disappears before it is executed (someone removed it in the console).
    const row = await db.launch.findUniqueOrThrow({ where: { id: launchId } });
    const ref = await resolveTargetRefById(row.targetId, row.region);
    await createAwsClient(CloudFormationClient, ref).send(new DeleteChangeSetCommand({ ChangeSetName: row.changeSetId!, StackName: row.stackId! }));

    await expect(updateLaunchStack(falconDev, launchId, { ...change, dryRun: false })).rejects.toBeTruthy();
    const after = await db.launch.findUniqueOrThrow({ where: { id: launchId } });
    expect(after).toMatchObject({ status: 'CREATE_COMPLETE', operation: null, changeSetId: null });
    expect(after.statusReason).toBeTruthy();
    const failed = await db.auditLog.findFirst({ where: { resourceId: launchId, action: 'launch.update', outcome: 'failure' } });
    expect(failed?.details).toContain('error');

    // Nothing is stuck: the same update goes through now.
    expect((await updateLaunchStack(falconDev, launchId, { ...change, dryRun: false })).started).toBe(true);
    expect((await waitFor(launchId, (s) => !s.endsWith('_IN_PROGRESS'))).status).toBe('UPDATE_COMPLETE');
    await teardownLaunch(falconDev, launchId);
    await waitFor(launchId, (s) => s === 'DELETED');
  }, 120_000);

  it('rejects invalid parameters with the field and the rule, before anything reaches AWS', async () => {
    const req = request({ parameters: { DataKeyReusePeriodSeconds: 5, QueueType: 'lifo', Bogus: 1 }, stackName: '9-bad name' });
    await expect(previewLaunch(falconDev, req)).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: {
        stackName: [expect.stringMatching(/start with a letter/)],
        'parameters.DataKeyReusePeriodSeconds': [expect.stringMatching(/from 60 seconds/)],
        'parameters.QueueType': [expect.stringMatching(/standard, fifo/)],
        'parameters.Bogus': [expect.stringMatching(/not a parameter/)],
      },
    });
    expect(await db.launch.count({ where: { stackName: '9-bad name' } })).toBe(0);
  });

  it('refuses viewers and other teams', async () => {
    await expect(previewLaunch(falconViewer, request())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const req = request();
    const { launchId } = await startLaunch(falconDev, req);
    await waitFor(launchId, (s) => !s.endsWith('_IN_PROGRESS'));
    await expect(getLaunchDetail(eagleDev, launchId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateLaunchStack(eagleDev, launchId, { parameters: {}, dryRun: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(teardownLaunch(eagleDev, launchId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(teardownLaunch(falconViewer, launchId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Each refusal is in the audit log, with who tried.
    const refused = await db.auditLog.findMany({ where: { resourceId: launchId, outcome: 'refused' } });
    expect(refused.map((a) => `${a.actorEmail} ${a.action}`).sort()).toEqual([
      'eagle-dev@example.com launch.delete',
      'eagle-dev@example.com launch.update.preview',
      'falcon-viewer@example.com launch.delete',
    ]);
    await teardownLaunch(falconDev, launchId);
    await waitFor(launchId, (s) => s === 'DELETED');
  }, 90_000);

  it('creates one stack for two identical concurrent requests, and answers 409 for a name in use', async () => {
    const req = request();
    const [a, b] = await Promise.all([startLaunch(falconDev, req), startLaunch(falconDev, req)]);
    expect(a.launchId).toBe(b.launchId);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    expect(await db.launch.count({ where: { stackName: req.stackName } })).toBe(1);
    await waitFor(a.launchId, (s) => !s.endsWith('_IN_PROGRESS'));
    const target = await resolveTargetRefById((await db.launch.findUniqueOrThrow({ where: { id: a.launchId } })).targetId, 'us-east-1');
    const stacks = await createAwsClient(CloudFormationClient, target).send(new DescribeStacksCommand({ StackName: req.stackName }));
    expect(stacks.Stacks).toHaveLength(1);

    await expect(startLaunch(falconDev, { ...req, parameters: { VisibilityTimeout: '10' } })).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { stackName: ['is already in use'] },
    });
    await teardownLaunch(falconDev, a.launchId);
    await waitFor(a.launchId, (s) => s === 'DELETED');
  }, 90_000);

  it('shows how far behind a launch is and moves it to the newest version through an update', async () => {
    const { launchId } = await startLaunch(falconDev, request());
    await waitFor(launchId, (s) => !s.endsWith('_IN_PROGRESS'));
    // As if this launch had been made from an older release of the blueprint.
    await db.launch.update({ where: { id: launchId }, data: { blueprintVersion: '0.9.0' } });
    const behind = await getLaunchDetail(falconDev, launchId);
    expect(behind.blueprint).toMatchObject({ version: '0.9.0', latestVersion: '1.0.0', versionsBehind: 1 });
    await expect(updateLaunchStack(falconDev, launchId, { parameters: {}, version: '0.8.0', dryRun: true })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { version: ['must be 1.0.0'] },
    });
    const moved = await updateLaunchStack(falconDev, launchId, { parameters: { VisibilityTimeout: '31' }, version: 'latest', dryRun: false });
    expect(moved.started).toBe(true);
    expect((await waitFor(launchId, (s) => !s.endsWith('_IN_PROGRESS'))).status).toBe('UPDATE_COMPLETE');
    expect((await getLaunchDetail(falconDev, launchId)).blueprint).toMatchObject({ version: '1.0.0', versionsBehind: 0 });
    await teardownLaunch(falconDev, launchId);
    await waitFor(launchId, (s) => s === 'DELETED');
  }, 90_000);

  it('names what blocks a delete and deletes again keeping it', async () => {
    const req = request({ blueprint: 'mainframe-jcl-step-functions', stackName: `it-jcl-${unique()}` });
    const { launchId } = await startLaunch(falconDev, req);
    expect((await waitFor(launchId, (s) => !s.endsWith('_IN_PROGRESS'))).status).toBe('CREATE_COMPLETE');
    const detail = await getLaunchDetail(falconDev, launchId);
    const bucket = detail.outputs.find((o) => o.key === 'FeedBucketName')!.value;
    const row = await db.launch.findUniqueOrThrow({ where: { id: launchId } });
    const s3 = createAwsClient(S3Client, await resolveTargetRefById(row.targetId, 'us-east-1'));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'feeds/employees.csv', Body: 'id,name\n1,Ada\n' }));

    await teardownLaunch(falconDev, launchId);
    expect((await waitFor(launchId, (s) => s === 'DELETE_FAILED' || s === 'DELETED')).status).toBe('DELETE_FAILED');
    const failed = await getLaunchDetail(falconDev, launchId);
    expect(failed.blockers).toEqual([
      expect.objectContaining({
        resourceType: 'AWS::S3::Bucket',
        reason: expect.stringMatching(/not empty/),
        fix: expect.stringMatching(/Empty the bucket first/),
      }),
    ]);

    await teardownLaunch(
      falconDev,
      launchId,
      failed.blockers.map((b) => b.logicalId),
    );
    expect((await waitFor(launchId, (s) => s === 'DELETED' || s === 'DELETE_FAILED')).status).toBe('DELETED');
    // The kept bucket is still there, as asked, and the launch says so with what to do about it.
    expect((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount).toBe(1);
    const deleted = await getLaunchDetail(falconDev, launchId);
    expect(deleted.blockers).toEqual([]);
    expect(deleted.retained).toEqual([
      expect.objectContaining({
        logicalId: failed.blockers[0]!.logicalId,
        resourceType: 'AWS::S3::Bucket',
        physicalId: bucket,
        fix: expect.stringMatching(/delete it yourself/),
      }),
    ]);
  }, 120_000);

  it('picks up a launch the portal lost track of (a restart between claiming the name and CloudFormation answering)', async () => {
    const req = request();
    const v = await db.team.findUniqueOrThrow({ where: { slug: 'falcon' } });
    const target = await db.awsTarget.findUniqueOrThrow({ where: { name: 'sandbox' } });
    const ref = await resolveTargetRefById(target.id, 'us-east-1');
    // The stack exists in CloudFormation, but the launch row never learnt its id.
    await createAwsClient(CloudFormationClient, ref).send(
      new CreateStackCommand({ StackName: req.stackName, TemplateBody: JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }) }),
    );
    const row = await insertLaunch({
      teamId: v.id,
      createdById: falconDev.userId,
      targetId: target.id,
      region: 'us-east-1',
      stackName: req.stackName,
      blueprintSlug: 'sqs-managed-encryption',
      blueprintVersion: '1.0.0',
      status: 'PENDING',
      operation: 'create',
      parameters: {},
      tags: {},
      requestHash: 'restart-test',
      clientRequestToken: `restart-${unique()}`,
    });
    if (!row) throw new Error(`stack name ${req.stackName} already claimed`);
    expect((await syncLaunchesInFlight()) >= 1).toBe(true);
    const adopted = await waitFor(row.id, (s) => !s.endsWith('_IN_PROGRESS') && s !== 'PENDING');
    expect(adopted).toMatchObject({ status: 'CREATE_COMPLETE', operation: null, stackId: expect.stringContaining(req.stackName) });
    expect((await getLaunchDetail(falconDev, row.id)).events.some((e) => e.logicalId === 'Queue' && e.status === 'CREATE_COMPLETE')).toBe(true);
    await teardownLaunch(falconDev, row.id);
    await waitFor(row.id, (s) => s === 'DELETED');
  }, 90_000);

  it('uses the sandbox endpoint', () => {
    expect(env().SANDBOX_AWS_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});
