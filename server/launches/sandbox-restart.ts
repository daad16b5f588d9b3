import 'server-only';
import { describeStack } from '@/server/aws/cloudformation';
import { resolveTargetRefById } from '@/server/targets/queries';
import { listLiveSandboxLaunches, updateLaunch } from '@/server/launches/queries';

/** Why a sandbox launch is marked deleted when its stack is gone. */
export const SANDBOX_RESTART_REASON = 'The sandbox account was restarted, and its stacks went with it.';

/**
 * The sandbox account keeps its state in memory: after it restarts, stacks the database still lists
 * are gone. Marks those launches deleted (saying why) so their names are free again and nobody tries
 * to update a stack that no longer exists. Only the Sandbox target: a real account keeps its stacks.
 * Returns how many launches it marked.
 */
export async function forgetStacksLostBySandboxRestart(): Promise<number> {
  const rows = await listLiveSandboxLaunches();
  let marked = 0;
  for (const row of rows) {
    const target = await resolveTargetRefById(row.targetId, row.region);
    const stack = await describeStack(target, row.stackId!);
    if (stack && stack.status !== 'DELETE_COMPLETE') continue;
    await updateLaunch(row.id, {
      status: 'DELETED',
      statusReason: SANDBOX_RESTART_REASON,
      operation: null,
      settledAt: new Date(),
      deletedAt: new Date(),
      releaseName: true,
    });
    marked++;
  }
  return marked;
}
