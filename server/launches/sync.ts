import 'server-only';
import { describeStack, executeChangeSet, listNewStackEvents } from '@/server/aws/cloudformation';
import { resolveTargetRefById } from '@/server/targets/queries';
import { appendEvents, knownEventIds, listLaunchesInFlight, updateLaunch } from '@/server/launches/queries';
import { recordAudit } from '@/server/audit/queries';
import { log } from '@/server/log';
import { isTerminalStatus } from '@/lib/launches/dto';
import { SANDBOX_RESTART_REASON } from '@/server/launches/sandbox-restart';

// A launch row that never got a stack (the portal stopped between claiming the name and
// calling CloudFormation) is given this long before it is declared failed.
const PENDING_GRACE_MS = 10 * 60_000;
/**
 * The portal executes a confirmed change set right after writing the launch; the poller steps in only
 * when that has not happened for this long (the portal stopped in between), never beside it.
 */
export const RESUME_GRACE_MS = 60_000;

type SyncableLaunch = {
  id: string;
  targetId: string;
  region: string;
  stackId: string | null;
  stackName: string;
  status: string;
  operation: string | null;
  teamId: string;
  createdAt: Date;
  updatedAt: Date;
  /** For resuming a confirmed launch whose change set was never executed. */
  changeSetId?: string | null;
  clientRequestToken?: string | null;
};

/**
 * Brings one launch up to date with CloudFormation: new stack events, status, outputs. Safe to run
 * concurrently (events are appended once) and after a restart (state comes from CloudFormation).
 */
export async function syncLaunch(launch: SyncableLaunch): Promise<void> {
  const target = await resolveTargetRefById(launch.targetId, launch.region);
  if (!launch.stackId) {
    // Perhaps the portal stopped right after CloudFormation accepted the stack: adopt it.
    const found = await describeStack(target, launch.stackName);
    if (found && found.status !== 'REVIEW_IN_PROGRESS') {
      await updateLaunch(launch.id, { stackId: found.stackId, status: found.status });
      return syncLaunch({ ...launch, stackId: found.stackId, status: found.status });
    }
    if (Date.now() - launch.createdAt.getTime() > PENDING_GRACE_MS) {
      await updateLaunch(launch.id, {
        status: 'FAILED_TO_START',
        statusReason: 'The launch never reached CloudFormation.',
        operation: null,
        settledAt: new Date(),
        releaseName: true,
      });
    }
    return;
  }
  const stack = await describeStack(target, launch.stackId);
  if (!stack && launch.operation !== 'delete') {
    // CloudFormation no longer knows the stack id (AWS keeps deleted stacks for 90 days, so it went
    // long ago, or the sandbox account restarted): there is nothing left to follow, and its events
    // can no longer be read. Without this the poller would ask about it forever.
    const reason = target.isSandbox ? SANDBOX_RESTART_REASON : 'CloudFormation no longer knows this stack: it was deleted outside Slipway.';
    await updateLaunch(launch.id, {
      status: 'DELETED',
      statusReason: reason,
      operation: null,
      settledAt: new Date(),
      deletedAt: new Date(),
      releaseName: true,
    });
    await recordAudit({
      actor: null,
      action: `launch.${launch.operation ?? 'sync'}.settled`,
      resourceType: 'launch',
      resourceId: launch.id,
      teamId: launch.teamId,
      outcome: 'failure',
      details: { stackName: launch.stackName, status: 'DELETED', reason },
    });
    return;
  }
  if (stack?.status === 'REVIEW_IN_PROGRESS' && launch.operation === 'create' && launch.changeSetId && launch.clientRequestToken) {
    if (Date.now() - launch.updatedAt.getTime() >= RESUME_GRACE_MS) {
      await resumeConfirmedLaunch(launch, target, launch.changeSetId, launch.clientRequestToken);
    }
    return;
  }
  if (stack) await appendEvents(launch.id, await listNewStackEvents(target, launch.stackId, await knownEventIds(launch.id)));
  const status = stack?.status ?? (launch.operation === 'delete' ? 'DELETE_COMPLETE' : launch.status);
  const settled = isTerminalStatus(status) && status !== 'REVIEW_IN_PROGRESS';
  if (status === 'DELETE_COMPLETE') {
    await updateLaunch(launch.id, { status: 'DELETED', statusReason: null, operation: null, settledAt: new Date(), deletedAt: new Date(), releaseName: true });
  } else {
    await updateLaunch(launch.id, {
      status,
      statusReason: stack?.reason ?? null,
      ...(stack ? { outputs: stack.outputs } : {}),
      ...(settled && launch.operation ? { operation: null, settledAt: new Date() } : {}),
    });
  }
  if (settled && launch.operation && launch.operation !== 'preview') {
    await recordAudit({
      actor: null,
      action: `launch.${launch.operation}.settled`,
      resourceType: 'launch',
      resourceId: launch.id,
      teamId: launch.teamId,
      outcome: /FAILED|ROLLBACK/.test(status) ? 'failure' : 'success',
      details: { stackName: launch.stackName, status, reason: stack?.reason ?? null },
    });
  }
}

/**
 * A launch is marked CREATE_IN_PROGRESS before its change set is executed, so a portal that stops in
 * between leaves a confirmed launch whose stack still waits in review. Finish what the user asked:
 * the request token makes a repeated ExecuteChangeSet harmless and the stack is the preview's own,
 * so nothing is created twice. If the change set is gone, the launch goes back to being a preview
 * (with the reason) that can be confirmed again or expires, rather than waiting forever.
 */
async function resumeConfirmedLaunch(
  launch: SyncableLaunch,
  target: Awaited<ReturnType<typeof resolveTargetRefById>>,
  changeSetId: string,
  token: string,
): Promise<void> {
  try {
    await executeChangeSet(target, changeSetId, token);
    log.info('confirmed launch resumed', { launchId: launch.id, stackName: launch.stackName });
  } catch (err) {
    // Executed meanwhile (by a portal that was slow rather than stopped): the stack has moved on, and
    // the next pass follows it.
    const now = await describeStack(target, launch.stackId ?? launch.stackName);
    if (now && now.status !== 'REVIEW_IN_PROGRESS') {
      log.info('confirmed launch was executed meanwhile', { launchId: launch.id, status: now.status });
      return;
    }
    const reason = `The launch was confirmed, but its change set could not be executed afterwards: ${(err as Error).message}`;
    await updateLaunch(launch.id, { status: 'REVIEW_IN_PROGRESS', operation: 'preview', statusReason: reason });
    log.warn('confirmed launch could not be resumed', { launchId: launch.id, error: (err as Error).message });
  }
}

/** One pass of the poller: every launch CloudFormation is working on. */
export async function syncLaunchesInFlight(signal?: AbortSignal): Promise<number> {
  const launches = await listLaunchesInFlight();
  for (const launch of launches) {
    if (signal?.aborted) break;
    try {
      await syncLaunch(launch);
    } catch (err) {
      log.warn('could not sync launch', { launchId: launch.id, error: (err as Error).message });
    }
  }
  return launches.length;
}
