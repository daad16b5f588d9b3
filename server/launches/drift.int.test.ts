import { beforeAll, describe, expect, it } from 'vitest';
import { SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { db } from '@/server/db';
import { seedDemoData } from '@/server/seed';
import { loadActor } from '@/server/auth/queries';
import { createAwsClient } from '@/server/aws/clients';
import { resolveTargetRefById } from '@/server/targets/queries';
import { startLaunch } from '@/server/launches/create';
import { getLaunchDetail } from '@/server/launches/read';
import { syncLaunchUntil } from '@/server/launches/test-support/sync-until';
import { detectLaunchDrift, teardownLaunch } from '@/server/launches/teardown';
import type { Actor } from '@/server/auth/actor';
import { launchRequestSchema } from '@/lib/schemas/launches';

// Against the sandbox account (SANDBOX_AWS_ENDPOINT), whose drift detection compares the template's
// properties with the live resources as CloudFormation does (sandbox/aws/EXTENSIONS.md).
let falconDev: Actor;
beforeAll(async () => {
  await seedDemoData(() => undefined);
  falconDev = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
});

describe('drift detection on a launch', () => {
  it('reports a queue changed outside CloudFormation as modified, naming the property, and audits the check', async () => {
    const req = launchRequestSchema.parse({
      blueprint: 'sqs-managed-encryption',
      target: 'sandbox',
      region: 'us-east-1',
      stackName: `it-drift-${Math.random().toString(36).slice(2, 7)}`,
      parameters: { VisibilityTimeout: 45 },
    });
    const { launchId } = await startLaunch(falconDev, req);
    const row = await syncLaunchUntil(launchId, (s) => !s.endsWith('_IN_PROGRESS'));
    expect(row.status).toBe('CREATE_COMPLETE');
    expect(await detectLaunchDrift(falconDev, launchId)).toMatchObject({ supported: true, report: { status: 'IN_SYNC' } });

    // Someone raises the visibility timeout in the console.
    const queueUrl = (await getLaunchDetail(falconDev, launchId)).outputs.find((o) => o.key === 'QueueUrl')!.value;
    const sqs = createAwsClient(SQSClient, await resolveTargetRefById(row.targetId, row.region));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { VisibilityTimeout: '300' } }));

    const drift = await detectLaunchDrift(falconDev, launchId);
    expect(drift).toMatchObject({
      supported: true,
      report: {
        status: 'DRIFTED',
        resources: [
          { logicalId: 'EncryptedQueue', resourceType: 'AWS::SQS::Queue', status: 'MODIFIED', differences: ['/VisibilityTimeout: expected 45, actual 300'] },
        ],
      },
    });
    const audited = await db.auditLog.findMany({ where: { resourceId: launchId, action: 'launch.drift' }, orderBy: { at: 'asc' } });
    expect(audited.map((a) => [a.outcome, JSON.parse(a.details).status])).toEqual([
      ['success', 'IN_SYNC'],
      ['success', 'DRIFTED'],
    ]);

    await teardownLaunch(falconDev, launchId);
    await syncLaunchUntil(launchId, (s) => s === 'DELETED');
  }, 90_000);
});
