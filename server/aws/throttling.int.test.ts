// AWS throttling, with the sandbox told to throttle: the SDK retries with backoff and the launch
// goes through once, with one stack; past the retry budget the caller is told AWS is throttling.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { launchRequestSchema } from '@/lib/schemas/launches';
import { loadActor } from '@/server/auth/queries';
import type { Actor } from '@/server/auth/actor';
import { createAwsClient } from '@/server/aws/clients';
import { env } from '@/server/env';
import { previewLaunch, startLaunch } from '@/server/launches/create';
import { syncLaunchUntil } from '@/server/launches/test-support/sync-until';
import { seedDemoData } from '@/server/seed';
import { findSandboxTargetId, resolveTargetRefById } from '@/server/targets/queries';

let falconDev: Actor;

async function sandboxConfig(body?: unknown): Promise<{ slipway: { throttle: Record<string, number> } }> {
  const res = await fetch(`${env().SANDBOX_AWS_ENDPOINT}/moto-api/config`, {
    method: body ? 'POST' : 'GET',
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  expect(res.ok).toBe(true);
  return body ? sandboxConfig() : res.json();
}
const throttle = (calls: Record<string, number>) => sandboxConfig({ slipway: { throttle: calls } });
const request = () =>
  launchRequestSchema.parse({
    blueprint: 'sqs-managed-encryption',
    target: 'sandbox',
    region: 'us-east-1',
    stackName: `it-throttle-${Math.random().toString(36).slice(2, 7)}`,
  });

beforeAll(async () => {
  await seedDemoData(() => undefined);
  falconDev = (await loadActor({ email: 'falcon-dev@example.com' }, 'session'))!;
});
afterEach(async () => {
  await throttle({});
});

describe('AWS throttling', () => {
  it('is retried: the launch goes through once, with one stack', async () => {
    await throttle({ 'cloudformation:CreateChangeSet': 2, 'cloudformation:ExecuteChangeSet': 2, 'cloudformation:DescribeChangeSet': 1 });
    const req = request();
    const preview = await previewLaunch(falconDev, req);
    const { launchId, created } = await startLaunch(falconDev, { ...req, previewId: preview.previewId });
    expect(created).toBe(true);
    const done = await syncLaunchUntil(launchId, (s) => !s.endsWith('_IN_PROGRESS'));
    expect(done.status).toBe('CREATE_COMPLETE');
    // Every throttled call was answered by a retry...
    expect((await sandboxConfig()).slipway.throttle).toEqual({
      'cloudformation:CreateChangeSet': 0,
      'cloudformation:ExecuteChangeSet': 0,
      'cloudformation:DescribeChangeSet': 0,
    });
    // ...and nothing was done twice: one stack of that name, the launch's own.
    const cfn = createAwsClient(CloudFormationClient, await resolveTargetRefById(done.targetId, done.region));
    const stacks = (await cfn.send(new DescribeStacksCommand({ StackName: req.stackName }))).Stacks ?? [];
    expect(stacks.map((s) => s.StackId)).toEqual([done.stackId]);
  }, 120_000);

  it('past the retry budget, says AWS is throttling and creates nothing', async () => {
    await throttle({ 'cloudformation:CreateChangeSet': 3 });
    const req = request();
    await expect(previewLaunch(falconDev, req)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/^AWS is throttling requests .*; try again in a minute\.$/),
    });
    expect((await sandboxConfig()).slipway.throttle['cloudformation:CreateChangeSet']).toBe(0);
    const cfn = createAwsClient(CloudFormationClient, await resolveTargetRefById(await findSandboxTargetId(), 'us-east-1'));
    await expect(cfn.send(new DescribeStacksCommand({ StackName: req.stackName }))).rejects.toThrow(/does not exist/);
  }, 60_000);
});
