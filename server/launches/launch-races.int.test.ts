import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CloudFormationClient, DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import { db } from '@/server/db';
import { seedDemoData } from '@/server/seed';
import { loadActor } from '@/server/auth/queries';
import { createAwsClient } from '@/server/aws/clients';
import * as cloudformation from '@/server/aws/cloudformation';
import { createTarget, deleteTarget, resolveTargetRefById } from '@/server/targets/queries';
import { discardPreview, previewLaunch, startLaunch } from '@/server/launches/create';
import { syncLaunchUntil } from '@/server/launches/test-support/sync-until';
import { teardownLaunch } from '@/server/launches/teardown';
import type { Actor } from '@/server/auth/actor';
import { launchRequestSchema, type LaunchRequest } from '@/lib/schemas/launches';

// Counts the portal's ExecuteChangeSet calls while still making them against the sandbox.
vi.mock('@/server/aws/cloudformation', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/server/aws/cloudformation')>();
  return { ...actual, executeChangeSet: vi.fn(actual.executeChangeSet) };
});
const executeChangeSet = vi.mocked(cloudformation.executeChangeSet);

// Against the sandbox account (SANDBOX_AWS_ENDPOINT) and the test database (DATABASE_URL).
let falconDev: Actor;
let eagleDev: Actor;
const unique = () => Math.random().toString(36).slice(2, 7);
const request = (over: Record<string, unknown> = {}): LaunchRequest =>
  launchRequestSchema.parse({ blueprint: 'sqs-managed-encryption', target: 'sandbox', region: 'us-east-1', stackName: `it-race-${unique()}`, ...over });

beforeAll(async () => {
  await seedDemoData(() => undefined);
  falconDev = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
  eagleDev = (await loadActor({ email: 'eagle-dev@example.com' }, 'session'))!;
});

describe('a double click on one preview', () => {
  it('executes the change set once when the same preview is confirmed by concurrent requests', async () => {
    const req = request();
    const preview = await previewLaunch(falconDev, req);
    executeChangeSet.mockClear();
    // Two clicks on Launch for the preview, and a third request that names the stack but not the preview.
    const answers = await Promise.all([
      startLaunch(falconDev, { ...req, previewId: preview.previewId }),
      startLaunch(falconDev, { ...req, previewId: preview.previewId }),
      startLaunch(falconDev, req),
    ]);
    expect(answers.map((a) => a.launchId)).toEqual([preview.previewId, preview.previewId, preview.previewId]);
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    expect(executeChangeSet).toHaveBeenCalledTimes(1);

    const done = await syncLaunchUntil(preview.previewId, (s) => !s.endsWith('_IN_PROGRESS'));
    expect(done.status).toBe('CREATE_COMPLETE');
    expect(await db.launch.count({ where: { stackName: req.stackName } })).toBe(1);
    // CloudFormation created the queue once.
    const ref = await resolveTargetRefById(done.targetId, done.region);
    const events = (await createAwsClient(CloudFormationClient, ref).send(new DescribeStackEventsCommand({ StackName: done.stackId! }))).StackEvents ?? [];
    expect(events.filter((e) => e.ResourceType === 'AWS::SQS::Queue' && e.ResourceStatus === 'CREATE_COMPLETE')).toHaveLength(1);
    expect(events.filter((e) => e.ResourceType === 'AWS::CloudFormation::Stack' && e.ResourceStatus === 'CREATE_COMPLETE')).toHaveLength(1);
    const audited = await db.auditLog.findMany({ where: { resourceId: preview.previewId, action: 'launch.create', outcome: 'success' } });
    expect(audited).toHaveLength(1);

    await teardownLaunch(falconDev, preview.previewId);
    await syncLaunchUntil(preview.previewId, (s) => s === 'DELETED');
  }, 90_000);
});

describe('launching for another team or on a target the team may not use', () => {
  const refusals = (actor: Actor, since: Date) =>
    db.auditLog.findMany({ where: { actorEmail: actor.email, outcome: 'refused', at: { gte: since } }, orderBy: { at: 'asc' } });

  it('refuses a launch and a preview for a team the caller is not in, audits both, and touches nothing', async () => {
    const since = new Date();
    const req = request({ team: 'eagle' });
    await expect(previewLaunch(falconDev, req)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/not a member of team eagle/) });
    await expect(startLaunch(falconDev, req)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const audited = await refusals(falconDev, since);
    expect(audited.map((a) => [a.action, a.resourceType, a.resourceId])).toEqual([
      ['launch.preview', 'launch', null],
      ['launch.create', 'launch', null],
    ]);
    expect(JSON.parse(audited[1]!.details)).toMatchObject({ stackName: req.stackName, target: 'sandbox', error: expect.stringMatching(/team eagle/) });
    expect(await db.launch.count({ where: { stackName: req.stackName } })).toBe(0);
    const ref = await resolveTargetRefById((await db.awsTarget.findUniqueOrThrow({ where: { name: 'sandbox' } })).id, 'us-east-1');
    expect(await cloudformation.describeStack(ref, req.stackName)).toBeNull();
  });

  it('refuses a target only another team may use, worded like a target that does not exist, and audits it', async () => {
    const eagle = await db.team.findUniqueOrThrow({ where: { slug: 'eagle' } });
    const target = await createTarget({
      name: `eagle-only-${unique()}`,
      accountId: '111122223333',
      regions: ['us-east-1'],
      roleArn: 'arn:aws:iam::111122223333:role/slipway',
      externalId: 'eagle-external-id',
      teamIds: [eagle.id],
    });
    try {
      const since = new Date();
      const onTheirs = startLaunch(falconDev, request({ target: target.name }));
      await expect(onTheirs).rejects.toMatchObject({ code: 'FORBIDDEN', fields: { target: ['is not a target your teams may use'] } });
      const missing = await startLaunch(falconDev, request({ target: `no-such-${unique()}` })).catch((e: Error) => e);
      // The same answer for a target that exists and one that does not: a refusal reveals neither.
      expect(missing).toMatchObject({ code: 'FORBIDDEN', fields: { target: ['is not a target your teams may use'] } });
      const audited = await refusals(falconDev, since);
      expect(audited.map((a) => JSON.parse(a.details).target)).toEqual([target.name, expect.stringMatching(/^no-such-/)]);
      expect(audited.every((a) => a.action === 'launch.create' && !a.details.includes('eagle-external-id'))).toBe(true);
      // The team that owns the target may use it (in sandbox mode every target is the sandbox account).
      const allowed = await previewLaunch(eagleDev, request({ target: target.name }));
      await discardPreview(allowed.previewId, 'test over');
    } finally {
      await db.launch.deleteMany({ where: { targetId: target.id } });
      await deleteTarget(target.id);
    }
  }, 60_000);

  it("refuses to execute another team's preview, audits it against the preview, and leaves the preview as it was", async () => {
    const theirs = request();
    const preview = await previewLaunch(eagleDev, theirs);
    const since = new Date();
    executeChangeSet.mockClear();
    await expect(startLaunch(falconDev, { ...theirs, previewId: preview.previewId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(executeChangeSet).not.toHaveBeenCalled();
    const audited = await refusals(falconDev, since);
    expect(audited.map((a) => [a.action, a.resourceId])).toEqual([['launch.create', preview.previewId]]);
    expect(await db.launch.findUniqueOrThrow({ where: { id: preview.previewId } })).toMatchObject({ status: 'REVIEW_IN_PROGRESS', teamId: expect.any(String) });
    await discardPreview(preview.previewId, 'test over');
  }, 60_000);
});
