import { afterEach, describe, expect, it } from 'vitest';
import { CloudFormationClient, DescribeChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { env } from '@/server/env';
import { createAwsClient } from '@/server/aws/clients';
import { sandboxTargetRef } from '@/server/aws/test-support/sandbox-target';
import { createChangeSet, deleteStack, executeChangeSet, waitForChangeSet } from '@/server/aws/cloudformation';

// Against the sandbox account (SANDBOX_AWS_ENDPOINT), which creates change sets asynchronously as AWS
// does: CREATE_PENDING, CREATE_IN_PROGRESS, then CREATE_COMPLETE (sandbox/aws/EXTENSIONS.md).
const sandbox = sandboxTargetRef('change-set-wait-int');

async function setChangeSetDelay(ms: number): Promise<number> {
  const url = `${env().SANDBOX_AWS_ENDPOINT}/moto-api/config`;
  const before = ((await (await fetch(url)).json()) as { slipway: { cfn_change_set_delay_ms: number } }).slipway.cfn_change_set_delay_ms;
  const res = await fetch(url, { method: 'POST', body: JSON.stringify({ slipway: { cfn_change_set_delay_ms: ms } }) });
  if (!res.ok) throw new Error(`sandbox config: ${res.status}`);
  return before;
}

let restore: number | undefined;
afterEach(async () => {
  if (restore !== undefined) await setChangeSetDelay(restore);
  restore = undefined;
});

describe('waitForChangeSet', () => {
  it('polls until the change set is created (pending or in progress first), and only then may it run', async () => {
    restore = await setChangeSetDelay(1200);
    const stackName = `it-cs-wait-${Math.random().toString(36).slice(2, 7)}`;
    const { changeSetId, stackId } = await createChangeSet(sandbox, {
      stackName,
      changeSetName: 'slow',
      type: 'CREATE',
      template: { templateBody: JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } }) },
      parameters: [],
      tags: {},
      capabilities: [],
      clientToken: `it-${stackName}`,
    });
    // The portal's own (cached) client, counting the DescribeChangeSet calls it sends.
    const client = createAwsClient(CloudFormationClient, sandbox);
    const statuses: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (context.commandName === 'DescribeChangeSetCommand') statuses.push((out.output as { Status?: string }).Status ?? '');
        return out;
      },
      { step: 'initialize', name: 'countDescribeChangeSet' },
    );
    const early = await client.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId }));
    expect([early.Status, early.ExecutionStatus, early.Changes ?? []]).toEqual(['CREATE_PENDING', 'UNAVAILABLE', []]);
    await expect(executeChangeSet(sandbox, changeSetId, `early-${stackName}`)).rejects.toMatchObject({ name: 'InvalidChangeSetStatusException' });

    statuses.length = 0;
    const ready = await waitForChangeSet(sandbox, changeSetId);
    client.middlewareStack.remove('countDescribeChangeSet');
    expect(ready.status).toBe('CREATE_COMPLETE');
    // The loop looped: it saw the change set unfinished before it saw it complete.
    expect(statuses.at(-1)).toBe('CREATE_COMPLETE');
    expect(statuses.slice(0, -1).length).toBeGreaterThan(0);
    expect(statuses.slice(0, -1).every((s) => s === 'CREATE_PENDING' || s === 'CREATE_IN_PROGRESS')).toBe(true);
    expect(ready.changes).toEqual([expect.objectContaining({ action: 'Add', logicalId: 'Queue', resourceType: 'AWS::SQS::Queue' })]);
    await executeChangeSet(sandbox, changeSetId, `run-${stackName}`);
    await deleteStack(sandbox, stackId, `cleanup-${stackName}`);
  });
});
