// The portal stopping between "Launch" and ExecuteChangeSet: the launch row says CREATE_IN_PROGRESS
// (it is written first, so a double click executes once) while the stack still waits in review. The
// poller finishes the launch; nothing is created twice and nothing is lost.
import { CloudFormationClient, DeleteChangeSetCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { beforeAll, describe, expect, it } from 'vitest';

import { launchRequestSchema } from '@/lib/schemas/launches';
import type { Actor } from '@/server/auth/actor';
import { loadActor } from '@/server/auth/queries';
import { createAwsClient } from '@/server/aws/clients';
import { previewLaunch } from '@/server/launches/create';
import { findLaunch, transitionLaunch } from '@/server/launches/queries';
import { syncLaunchUntil } from '@/server/launches/test-support/sync-until';
import { RESUME_GRACE_MS, syncLaunch } from '@/server/launches/sync';
import { seedDemoData } from '@/server/seed';
import { resolveTargetRefById } from '@/server/targets/queries';

let falconDev: Actor;
const request = () =>
  launchRequestSchema.parse({
    blueprint: 'sqs-managed-encryption',
    target: 'sandbox',
    region: 'us-east-1',
    stackName: `it-resume-${Math.random().toString(36).slice(2, 7)}`,
  });

/** What startLaunch writes before it calls ExecuteChangeSet, and nothing after: the portal stopped there. */
async function confirmThenStop(previewId: string) {
  expect(await transitionLaunch(previewId, ['REVIEW_IN_PROGRESS'], { status: 'CREATE_IN_PROGRESS', operation: 'create', statusReason: null })).toBe(true);
}

/** The launch row as the poller sees it once the portal has been gone for the grace period. */
async function confirmedLongAgo(previewId: string) {
  return { ...(await findLaunch(previewId))!, updatedAt: new Date(Date.now() - RESUME_GRACE_MS) };
}

beforeAll(async () => {
  await seedDemoData(() => undefined);
  falconDev = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
});

describe('a launch confirmed just before the portal stopped', () => {
  it('is executed by the poller once, and completes with one stack', async () => {
    const req = request();
    const preview = await previewLaunch(falconDev, req);
    await confirmThenStop(preview.previewId);
    const row = await confirmedLongAgo(preview.previewId);
    const cfn = createAwsClient(CloudFormationClient, await resolveTargetRefById(row.targetId, row.region));
    expect((await cfn.send(new DescribeStacksCommand({ StackName: row.stackId! }))).Stacks?.[0]?.StackStatus).toBe('REVIEW_IN_PROGRESS');

    // Two pollers at once (two workers, or a worker and a page): still one execution.
    await Promise.all([syncLaunch(row), syncLaunch(row)]);
    const done = await syncLaunchUntil(row.id, (s) => !s.endsWith('_IN_PROGRESS'));
    expect(done.status).toBe('CREATE_COMPLETE');
    const stacks = (await cfn.send(new DescribeStacksCommand({ StackName: req.stackName }))).Stacks ?? [];
    expect(stacks.map((s) => s.StackId)).toEqual([row.stackId]);
  }, 120_000);

  it('goes back to a preview, saying why, when its change set is gone', async () => {
    const req = request();
    const preview = await previewLaunch(falconDev, req);
    const row = (await findLaunch(preview.previewId))!;
    const cfn = createAwsClient(CloudFormationClient, await resolveTargetRefById(row.targetId, row.region));
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: row.changeSetId! }));
    await confirmThenStop(preview.previewId);
    await syncLaunch(await confirmedLongAgo(preview.previewId));
    const after = (await findLaunch(preview.previewId))!;
    expect(after).toMatchObject({ status: 'REVIEW_IN_PROGRESS', operation: 'preview' });
    expect(after.statusReason).toMatch(/^The launch was confirmed, but its change set could not be executed afterwards: /);
  }, 60_000);

  it('is left to the portal while it was confirmed moments ago (the poller never executes beside it)', async () => {
    const req = request();
    const preview = await previewLaunch(falconDev, req);
    await confirmThenStop(preview.previewId);
    const row = (await findLaunch(preview.previewId))!;
    await syncLaunch(row);
    const cfn = createAwsClient(CloudFormationClient, await resolveTargetRefById(row.targetId, row.region));
    expect((await cfn.send(new DescribeStacksCommand({ StackName: row.stackId! }))).Stacks?.[0]?.StackStatus).toBe('REVIEW_IN_PROGRESS');
    expect(await findLaunch(preview.previewId)).toMatchObject({ status: 'CREATE_IN_PROGRESS', operation: 'create', statusReason: null });
  }, 60_000);
});
