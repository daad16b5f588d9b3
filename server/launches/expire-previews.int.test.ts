import { beforeAll, describe, expect, it } from 'vitest';
import { CloudFormationClient, DescribeChangeSetCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { db } from '@/server/db';
import { seedDemoData } from '@/server/seed';
import { loadActor } from '@/server/auth/queries';
import { createAwsClient } from '@/server/aws/clients';
import { resolveTargetRefById } from '@/server/targets/queries';
import { previewLaunch, startLaunch } from '@/server/launches/create';
import { expireAbandonedPreviews } from '@/server/launches/expire-previews';
import { getLaunchDetail } from '@/server/launches/read';
import { syncLaunchUntil } from '@/server/launches/test-support/sync-until';
import { detectLaunchDrift, teardownLaunch } from '@/server/launches/teardown';
import { updateLaunchStack } from '@/server/launches/update';
import { launchActions } from '@/lib/launches/actions';
import { launchRequestSchema } from '@/lib/schemas/launches';
import type { Actor } from '@/server/auth/actor';

// Against the sandbox account and the test database: previews nobody confirms lose their change sets.
let falconDev: Actor;
const request = () =>
  launchRequestSchema.parse({
    blueprint: 'sqs-managed-encryption',
    target: 'sandbox',
    region: 'us-east-1',
    stackName: `it-ttl-${Math.random().toString(36).slice(2, 7)}`,
  });
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

async function cfnFor(launchId: string) {
  const row = await db.launch.findUniqueOrThrow({ where: { id: launchId } });
  return createAwsClient(CloudFormationClient, await resolveTargetRefById(row.targetId, row.region));
}

beforeAll(async () => {
  await seedDemoData(() => undefined);
  falconDev = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
});

describe('abandoned previews', () => {
  it('discards a launch preview older than the TTL: its change set and review stack go, the name is free, and nothing is offered any more', async () => {
    const req = request();
    const preview = await previewLaunch(falconDev, req);
    const parked = await db.launch.findUniqueOrThrow({ where: { id: preview.previewId } });
    expect(parked).toMatchObject({ status: 'REVIEW_IN_PROGRESS', changeSetId: expect.any(String), stackId: expect.any(String) });
    const cfn = await cfnFor(parked.id);

    // Younger than the TTL: left alone.
    await expireAbandonedPreviews(60, minutesFromNow(59));
    expect((await db.launch.findUniqueOrThrow({ where: { id: parked.id } })).status).toBe('REVIEW_IN_PROGRESS');

    const expired = await expireAbandonedPreviews(60, minutesFromNow(61));
    expect(expired.discarded).toBeGreaterThanOrEqual(1);
    const discarded = await db.launch.findUniqueOrThrow({ where: { id: parked.id } });
    expect(discarded).toMatchObject({
      status: 'DISCARDED',
      statusReason: 'Not launched within 60 minutes of the preview: its change set was deleted.',
      operation: null,
      activeKey: null,
    });
    await expect(cfn.send(new DescribeChangeSetCommand({ ChangeSetName: parked.changeSetId! }))).rejects.toThrow(/does not exist|not found/i);
    const [stack] = (await cfn.send(new DescribeStacksCommand({ StackName: parked.stackId! }))).Stacks ?? [];
    expect(stack?.StackStatus).toBe('DELETE_COMPLETE');
    const audit = await db.auditLog.findFirst({ where: { resourceId: parked.id, action: 'launch.preview.expired' } });
    expect(audit).toMatchObject({ actorEmail: 'system', outcome: 'success' });

    // The page offers nothing, and the API refuses each action with the same reason.
    const detail = await getLaunchDetail(falconDev, parked.id);
    expect(Object.values(launchActions(detail)).some((a) => a.allowed)).toBe(false);
    const refusal = { code: 'CONFLICT', message: 'The preview was discarded; nothing was created.' };
    await expect(updateLaunchStack(falconDev, parked.id, { parameters: {}, dryRun: true })).rejects.toMatchObject(refusal);
    await expect(teardownLaunch(falconDev, parked.id)).rejects.toMatchObject(refusal);
    await expect(detectLaunchDrift(falconDev, parked.id)).rejects.toMatchObject(refusal);

    // The stack name is free again: the same request previews afresh.
    const again = await previewLaunch(falconDev, req);
    expect(again.previewId).not.toBe(parked.id);
    expect(await teardownLaunch(falconDev, again.previewId)).toEqual({ started: true });
    expect(await db.launch.findUniqueOrThrow({ where: { id: again.previewId } })).toMatchObject({
      status: 'DISCARDED',
      statusReason: 'Discarded by falcon-dev@example.com before launching.',
    });
  }, 120_000);

  it('drops an unconfirmed update preview and leaves the stack as it was', async () => {
    const { launchId } = await startLaunch(falconDev, request());
    expect((await syncLaunchUntil(launchId, (s) => !s.endsWith('_IN_PROGRESS'))).status).toBe('CREATE_COMPLETE');
    await updateLaunchStack(falconDev, launchId, { parameters: { VisibilityTimeout: '120' }, dryRun: true });
    const previewed = await db.launch.findUniqueOrThrow({ where: { id: launchId } });
    expect(previewed.changeSetId).toBeTruthy();
    const cfn = await cfnFor(launchId);

    const expired = await expireAbandonedPreviews(60, minutesFromNow(61));
    expect(expired.updatesDropped).toBeGreaterThanOrEqual(1);
    expect(await db.launch.findUniqueOrThrow({ where: { id: launchId } })).toMatchObject({
      status: 'CREATE_COMPLETE',
      operation: null,
      changeSetId: null,
      pendingChanges: null,
    });
    await expect(cfn.send(new DescribeChangeSetCommand({ ChangeSetName: previewed.changeSetId!, StackName: previewed.stackId! }))).rejects.toThrow(
      /does not exist|not found/i,
    );
    // Still a healthy launch: the same update previews and applies again.
    expect((await updateLaunchStack(falconDev, launchId, { parameters: { VisibilityTimeout: '120' }, dryRun: false })).started).toBe(true);
    expect((await syncLaunchUntil(launchId, (s) => !s.endsWith('_IN_PROGRESS'))).status).toBe('UPDATE_COMPLETE');
    await teardownLaunch(falconDev, launchId);
    await syncLaunchUntil(launchId, (s) => s === 'DELETED');
  }, 120_000);
});
