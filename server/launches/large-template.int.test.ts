import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CloudFormationClient, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { db } from '@/server/db';
import { seedDemoData } from '@/server/seed';
import { loadActor } from '@/server/auth/queries';
import { createAwsClient } from '@/server/aws/clients';
import * as cloudformation from '@/server/aws/cloudformation';
import { resolveTargetRefById } from '@/server/targets/queries';
import { previewLaunch, startLaunch } from '@/server/launches/create';
import { getLaunchDetail } from '@/server/launches/read';
import { syncLaunchUntil } from '@/server/launches/test-support/sync-until';
import { teardownLaunch } from '@/server/launches/teardown';
import { updateLaunchStack } from '@/server/launches/update';
import type { Actor } from '@/server/auth/actor';
import { launchRequestSchema } from '@/lib/schemas/launches';

// Records what the portal hands CloudFormation while still calling the sandbox.
vi.mock('@/server/aws/cloudformation', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/server/aws/cloudformation')>();
  return { ...actual, createChangeSet: vi.fn(actual.createChangeSet) };
});
const createChangeSet = vi.mocked(cloudformation.createChangeSet);

// Against the sandbox account (SANDBOX_AWS_ENDPOINT) and the test database (DATABASE_URL); the
// fixture blueprint e2e/fixtures/blueprints/test-large-template packages to about 57 KB.
let falconDev: Actor;
beforeAll(async () => {
  await seedDemoData(() => undefined);
  falconDev = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
});

/** The template URL of the latest change set, checked to name an object in the artefact bucket that holds `body`. */
async function handedOverFromBucket(s3: S3Client, body: string): Promise<string> {
  const template = createChangeSet.mock.lastCall![1].template;
  expect(template).not.toHaveProperty('templateBody');
  const url = new URL((template as { templateUrl: string }).templateUrl);
  const [bucket, ...key] = url.pathname.slice(1).split('/');
  expect(bucket).toMatch(/^slipway-artefacts-\d{12}-us-east-1$/);
  const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key.join('/') }));
  expect(await stored.Body!.transformToString()).toBe(body);
  return url.href;
}

describe('a template over 51,200 bytes', () => {
  it('is launched and updated from the artefact bucket, end to end', async () => {
    const req = launchRequestSchema.parse({
      blueprint: 'test-large-template',
      target: 'sandbox',
      region: 'us-east-1',
      stackName: `it-large-${Math.random().toString(36).slice(2, 7)}`,
      parameters: { Label: 'first' },
    });
    createChangeSet.mockClear();
    const preview = await previewLaunch(falconDev, req);
    expect(preview.changes.filter((c) => c.action === 'Add' && c.resourceType === 'AWS::SSM::Parameter')).toHaveLength(16);
    const row = await db.launch.findUniqueOrThrow({ where: { id: preview.previewId } });
    expect(Buffer.byteLength(row.templateBody)).toBeGreaterThan(51_200);
    const ref = await resolveTargetRefById(row.targetId, row.region);
    const s3 = createAwsClient(S3Client, ref);
    const launchUrl = await handedOverFromBucket(s3, row.templateBody);

    const { launchId } = await startLaunch(falconDev, { ...req, previewId: preview.previewId });
    expect((await syncLaunchUntil(launchId, (s) => !s.endsWith('_IN_PROGRESS'))).status).toBe('CREATE_COMPLETE');
    const deployed = await createAwsClient(CloudFormationClient, ref).send(new GetTemplateCommand({ StackName: req.stackName }));
    expect(JSON.stringify(deployed.TemplateBody)).toContain('Parameter16');
    const ssm = createAwsClient(SSMClient, ref);
    const first = (await getLaunchDetail(falconDev, launchId)).outputs.find((o) => o.key === 'FirstParameterName')!.value;
    expect((await ssm.send(new GetParameterCommand({ Name: first }))).Parameter?.Value).toMatch(/^first 0000-abc/);

    // The update hands the stored template over the same way (the same object: its key is its hash).
    createChangeSet.mockClear();
    const update = await updateLaunchStack(falconDev, launchId, { parameters: { Label: 'second' }, dryRun: false });
    expect(update.started).toBe(true);
    expect(createChangeSet).toHaveBeenCalledTimes(1);
    expect(createChangeSet.mock.lastCall![1].type).toBe('UPDATE');
    expect(await handedOverFromBucket(s3, row.templateBody)).toBe(launchUrl);
    expect((await syncLaunchUntil(launchId, (s) => !s.endsWith('_IN_PROGRESS'))).status).toBe('UPDATE_COMPLETE');
    expect((await ssm.send(new GetParameterCommand({ Name: first }))).Parameter?.Value).toMatch(/^second 0000-abc/);

    await teardownLaunch(falconDev, launchId);
    expect((await syncLaunchUntil(launchId, (s) => s === 'DELETED' || s === 'DELETE_FAILED')).status).toBe('DELETED');
  }, 120_000);
});
