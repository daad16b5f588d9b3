import 'server-only';
import { auditedLaunchAction } from '@/server/launches/audit';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/audit/queries';
import { log } from '@/server/log';
import { requireTeamRole } from '@/server/auth/authz';
import { deleteStack, detectDrift, type DriftReport } from '@/server/aws/cloudformation';
import { resolveTargetRefById } from '@/server/targets/queries';
import { toLaunchError } from '@/server/launches/aws-errors';
import { discardPreview } from '@/server/launches/create';
import { requireReadableLaunch } from '@/server/launches/read';
import { transitionLaunch, updateLaunch } from '@/server/launches/queries';
import { launchActions } from '@/lib/launches/actions';
import type { Actor } from '@/server/auth/actor';

/** Deletes the launch's stack (the launch record stays, marked deleted when CloudFormation is done). */
export function teardownLaunch(actor: Actor, launchId: string, retainResources?: string[]): Promise<{ started: boolean }> {
  return auditedLaunchAction(actor, 'launch.delete', launchId, { retainResources: retainResources ?? [] }, () =>
    teardownLaunchUnaudited(actor, launchId, retainResources),
  );
}

async function teardownLaunchUnaudited(actor: Actor, launchId: string, retainResources?: string[]): Promise<{ started: boolean }> {
  const row = await requireReadableLaunch(actor, launchId);
  requireTeamRole(actor, row.teamId, 'developer', 'delete launches');
  const actions = launchActions(row);
  if (actions.discardPreview.allowed) {
    await discardPreview(row.id, `Discarded by ${actor.email} before launching.`);
    return { started: true };
  }
  // Asking again for a delete under way, or done, is not an error.
  if (row.status === 'DELETED' || row.status === 'DELETE_IN_PROGRESS') return { started: false };
  if (!actions.delete.allowed || !row.stackId) throw new AppError('CONFLICT', actions.delete.allowed ? 'There is no stack to delete.' : actions.delete.reason);
  if (retainResources?.length && row.status !== 'DELETE_FAILED') {
    throw new AppError('VALIDATION', 'Resources can only be kept when a previous delete failed on them.', {
      fields: { retainResources: ['only after DELETE_FAILED'] },
    });
  }
  const token = `slipway-delete-${launchId}-${randomUUID().slice(0, 8)}`;
  const won = await transitionLaunch(launchId, [row.status], {
    status: 'DELETE_IN_PROGRESS',
    operation: 'delete',
    clientRequestToken: token,
    statusReason: null,
  });
  if (!won) return { started: false };
  const target = await resolveTargetRefById(row.targetId, row.region);
  try {
    await deleteStack(target, row.stackId, token, retainResources);
  } catch (err) {
    await updateLaunch(launchId, { status: row.status, operation: null });
    throw toLaunchError(err, { action: 'delete the stack', targetName: target.name });
  }
  log.info('launch teardown started', { launchId, stackName: row.stackName });
  await recordAudit({
    actor,
    action: 'launch.delete',
    resourceType: 'launch',
    resourceId: launchId,
    teamId: row.teamId,
    outcome: 'success',
    details: { stackName: row.stackName, retainResources: retainResources ?? [] },
  });
  return { started: true };
}

export type DriftResult = { supported: true; report: DriftReport } | { supported: false; message: string };

/** Detects drift on demand (developers of the launch's team: it is an AWS call with side effects); says plainly when the target cannot. */
export function detectLaunchDrift(actor: Actor, launchId: string): Promise<DriftResult> {
  return auditedLaunchAction(actor, 'launch.drift', launchId, {}, () => detectDriftNow(actor, launchId));
}

async function detectDriftNow(actor: Actor, launchId: string): Promise<DriftResult> {
  const row = await requireReadableLaunch(actor, launchId);
  requireTeamRole(actor, row.teamId, 'developer', 'detect drift');
  const drift = launchActions(row).detectDrift;
  if (!drift.allowed || !row.stackId) throw new AppError('CONFLICT', drift.allowed ? 'There is no stack to check for drift.' : drift.reason);
  const target = await resolveTargetRefById(row.targetId, row.region);
  try {
    const report = await detectDrift(target, row.stackId);
    await recordAudit({
      actor,
      action: 'launch.drift',
      resourceType: 'launch',
      resourceId: launchId,
      teamId: row.teamId,
      outcome: 'success',
      details: { status: report.status },
    });
    return { supported: true, report };
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    // The sandbox detects drift like AWS (sandbox/aws/EXTENSIONS.md): a failure there is a failure, not "unsupported".
    if (status === 500 || status === 501 || /not.?implemented|not supported/i.test((err as Error).message)) {
      return { supported: false, message: `Drift detection is not available in ${target.name}: ${(err as Error).message}` };
    }
    throw toLaunchError(err, { action: 'detect drift', targetName: target.name });
  }
}
