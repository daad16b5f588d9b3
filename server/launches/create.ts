import 'server-only';
import { auditedLaunchAction } from '@/server/launches/audit';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/audit/queries';
import { log } from '@/server/log';
import { createChangeSet, deleteChangeSet, deleteStack, describeStack, executeChangeSet, waitForChangeSet } from '@/server/aws/cloudformation';
import { prepareTemplate } from '@/server/launches/artefacts';
import { buildBlueprintFunctions, toFunctionBuilds, type BlueprintBuild } from '@/server/builds/build-blueprint';
import { toLaunchError } from '@/server/launches/aws-errors';
import { validateLaunchRequest, type ValidatedLaunch } from '@/server/launches/context';
import { findActiveLaunch, findLaunch, insertLaunch, parseChanges, transitionLaunch, updateLaunch, type LaunchRow } from '@/server/launches/queries';
import { launchCostEstimate } from '@/server/launches/cost';
import { requireTeamRole } from '@/server/auth/authz';
import { noteTargetAnswered, resolveTargetRefById } from '@/server/targets/queries';
import type { Actor } from '@/server/auth/actor';
import type { LaunchRequest } from '@/lib/schemas/launches';
import type { LaunchPreviewDto, ResourceChangeDto } from '@/lib/launches/dto';

const tokenFor = (operation: string, launchId: string) => `slipway-${operation}-${launchId}-${randomUUID().slice(0, 8)}`;

/**
 * Claims the stack name with a new launch row. A concurrent or retried identical request finds the
 * launch already claimed and gets it back; a different request for a name in use gets a 409.
 */
async function claimStackName(
  actor: Actor,
  v: ValidatedLaunch,
  status: string,
  operation: string | null,
): Promise<{ launch: { id: string }; existing: boolean }> {
  const id = randomUUID();
  const launch = await insertLaunch({
    teamId: v.team.id,
    createdById: actor.userId,
    targetId: v.target.id,
    region: v.targetRef.region,
    stackName: v.stackName,
    blueprintSlug: v.blueprint.metadata.slug,
    blueprintVersion: v.blueprint.metadata.version,
    status,
    operation,
    parameters: v.masked,
    tags: v.tags,
    requestHash: v.requestHash,
    clientRequestToken: tokenFor('create', id),
  });
  if (launch) return { launch, existing: false };
  const active = await findActiveLaunch(v.target.id, v.targetRef.region, v.stackName);
  if (active && active.requestHash === v.requestHash) return { launch: active, existing: true };
  if (active && active.status === 'REVIEW_IN_PROGRESS' && active.createdById === actor.userId) {
    // An unconfirmed preview of the same stack by the same person: replace it with this one.
    await discardPreview(active.id, 'Replaced by a newer preview of the same stack.');
    return claimStackName(actor, v, status, operation);
  }
  throw new AppError('CONFLICT', `Stack name ${v.stackName} is already used by another launch in ${v.target.name} ${v.targetRef.region}.`, {
    fields: { stackName: ['is already in use'] },
    details: active ? { launchId: active.id } : undefined,
  });
}

/** Makes sure no stack outside Slipway already has the name. */
async function assertNameFreeInAws(v: ValidatedLaunch): Promise<void> {
  const existing = await describeStack(v.targetRef, v.stackName).catch((err) => {
    throw toLaunchError(err, { action: 'look up the stack name', targetName: v.target.name });
  });
  if (existing && existing.status !== 'DELETE_COMPLETE') {
    throw new AppError('CONFLICT', `A stack named ${v.stackName} already exists in ${v.target.name} ${v.targetRef.region} (${existing.status}).`, {
      fields: { stackName: ['is already in use'] },
    });
  }
}

/** Packages the built code, uploads and creates the CREATE change set; returns its changes. */
async function createLaunchChangeSet(
  launchId: string,
  v: ValidatedLaunch,
  build: BlueprintBuild,
): Promise<{ changeSetId: string; stackId: string; changes: ResourceChangeDto[]; body: string }> {
  const { source, body } = await prepareTemplate(
    v.targetRef,
    { dir: v.blueprint.dir, slug: v.blueprint.metadata.slug, version: v.blueprint.metadata.version },
    { build },
  );
  const { changeSetId, stackId } = await createChangeSet(v.targetRef, {
    stackName: v.stackName,
    changeSetName: `slipway-create-${Date.now()}`,
    type: 'CREATE',
    template: source,
    parameters: Object.entries(v.values).map(([key, value]) => ({ key, value })),
    tags: v.tags,
    capabilities: v.blueprint.model.capabilities,
    clientToken: `slipway-cs-${launchId}`,
    description: `Slipway launch ${launchId} of ${v.blueprint.metadata.slug} ${v.blueprint.metadata.version}`,
  });
  // CloudFormation took the request: the target answers. Never holds up or fails the launch.
  noteTargetAnswered(v.target.id).catch((err) => log.warn('could not note that the target answered', { targetId: v.target.id, error: err }));
  const state = await waitForChangeSet(v.targetRef, changeSetId);
  if (state.status !== 'CREATE_COMPLETE') throw new AppError('VALIDATION', `CloudFormation could not prepare the change set: ${state.reason ?? state.status}`);
  return { changeSetId, stackId, changes: state.changes, body };
}

async function failToStart(launchId: string, err: unknown, v: ValidatedLaunch, stackId?: string): Promise<AppError> {
  const appErr = toLaunchError(err, { action: 'launch the stack', targetName: v.target.name });
  await updateLaunch(launchId, { status: 'FAILED_TO_START', statusReason: appErr.message, operation: null, settledAt: new Date(), releaseName: true });
  // A CREATE change set leaves an empty stack in REVIEW_IN_PROGRESS; remove it so the name is free.
  if (stackId)
    await deleteStack(v.targetRef, stackId, `slipway-cleanup-${launchId}`).catch((e) =>
      log.warn('could not remove the review stack', { launchId, error: (e as Error).message }),
    );
  return appErr;
}

/** What an audited launch attempt records: never the parameter values. */
function attemptDetails(req: LaunchRequest) {
  return { blueprint: req.blueprint, stackName: req.stackName, target: req.target, region: req.region };
}

/** Step 4 of the launch flow: validates, packages and shows the change set without creating anything. */
export function previewLaunch(actor: Actor, req: LaunchRequest): Promise<LaunchPreviewDto> {
  return auditedLaunchAction(actor, 'launch.preview', null, attemptDetails(req), () => previewLaunchUnaudited(actor, req));
}

async function previewLaunchUnaudited(actor: Actor, req: LaunchRequest): Promise<LaunchPreviewDto> {
  const v = await validateLaunchRequest(actor, req);
  const { launch, existing } = await claimStackName(actor, v, 'PREVIEWING', 'preview');
  if (existing) {
    const row = (await findLaunch(launch.id))!;
    if (row.status === 'REVIEW_IN_PROGRESS') return toPreview(row, v);
    throw new AppError('CONFLICT', `This launch already started (${row.status}).`, { details: { launchId: row.id } });
  }
  const build = await prepareChangeSet(launch.id, v);
  await recordAudit({
    actor,
    action: 'launch.preview',
    resourceType: 'launch',
    resourceId: launch.id,
    teamId: v.team.id,
    outcome: 'success',
    details: { blueprint: v.blueprint.metadata.slug, stackName: v.stackName, parameters: v.masked },
  });
  return toPreview((await findLaunch(launch.id))!, v, build);
}

function toPreview(row: LaunchRow, v: ValidatedLaunch, build?: BlueprintBuild): LaunchPreviewDto {
  return {
    previewId: row.id,
    stackName: row.stackName,
    changeSetType: 'CREATE',
    changes: parseChanges(row.pendingChanges) ?? [],
    capabilities: v.blueprint.model.capabilities,
    parameters: v.masked,
    tags: v.tags,
    costEstimate: launchCostEstimate(v.blueprint, v.values, v.targetRef.region),
    builds: toFunctionBuilds(build),
  };
}

/**
 * Step 5: executes the previewed change set (or previews and executes in one go). Idempotent: a
 * double-click or a retried request returns the launch already under way.
 */
export function startLaunch(actor: Actor, req: LaunchRequest): Promise<{ launchId: string; created: boolean }> {
  return auditedLaunchAction(actor, 'launch.create', req.previewId ?? null, attemptDetails(req), () => startLaunchUnaudited(actor, req));
}

async function startLaunchUnaudited(actor: Actor, req: LaunchRequest): Promise<{ launchId: string; created: boolean }> {
  const v = await validateLaunchRequest(actor, req);
  if (req.previewId) {
    const row = await findLaunch(req.previewId);
    if (!row) throw new AppError('NOT_FOUND', 'No such preview.', { fields: { previewId: ['does not exist'] } });
    requireTeamRole(actor, row.teamId, 'developer', 'launch blueprints');
    if (row.requestHash !== v.requestHash)
      throw new AppError('CONFLICT', 'The inputs changed since the preview: preview again.', { fields: { previewId: ['was made for other inputs'] } });
    return { launchId: row.id, created: await executePreview(actor, row, v) };
  }
  const { launch, existing } = await claimStackName(actor, v, 'PENDING', 'create');
  if (existing) {
    const row = (await findLaunch(launch.id))!;
    if (row.status === 'REVIEW_IN_PROGRESS') return { launchId: row.id, created: await executePreview(actor, row, v) };
    return { launchId: row.id, created: false };
  }
  await prepareChangeSet(launch.id, v);
  return { launchId: launch.id, created: await executePreview(actor, (await findLaunch(launch.id))!, v) };
}

/** Builds the functions, creates the CREATE change set for a claimed launch and parks the launch in review. */
async function prepareChangeSet(launchId: string, v: ValidatedLaunch): Promise<BlueprintBuild> {
  let stackId: string | undefined;
  try {
    // The build comes first: a function that does not build is reported before anything reaches AWS.
    // Each step is stored on the launch, where the launch form follows it while this request runs.
    const build = await buildBlueprintFunctions(v.blueprint.dir, v.values, {
      onProgress: (builds) => updateLaunch(launchId, { builds }).then(() => undefined),
    });
    await assertNameFreeInAws(v);
    const cs = await createLaunchChangeSet(launchId, v, build);
    stackId = cs.stackId;
    await updateLaunch(launchId, {
      status: 'REVIEW_IN_PROGRESS',
      stackId: cs.stackId,
      changeSetId: cs.changeSetId,
      pendingChanges: cs.changes,
      templateBody: cs.body,
      operation: 'preview',
    });
    return build;
  } catch (err) {
    throw await failToStart(launchId, err, v, stackId);
  }
}

async function executePreview(actor: Actor, row: LaunchRow, v: ValidatedLaunch): Promise<boolean> {
  // Only one request moves the preview on; a second click finds it already moving.
  const won = await transitionLaunch(row.id, ['REVIEW_IN_PROGRESS'], { status: 'CREATE_IN_PROGRESS', operation: 'create', statusReason: null });
  if (!won) return false;
  try {
    await executeChangeSet(v.targetRef, row.changeSetId!, row.clientRequestToken);
  } catch (err) {
    throw await failToStart(row.id, err, v, row.stackId ?? undefined);
  }
  await updateLaunch(row.id, { pendingChanges: null });
  log.info('launch started', {
    launchId: row.id,
    blueprint: row.blueprintSlug,
    stackName: row.stackName,
    target: v.target.name,
    region: row.region,
    parameters: v.masked,
  });
  await recordAudit({
    actor,
    action: 'launch.create',
    resourceType: 'launch',
    resourceId: row.id,
    teamId: row.teamId,
    outcome: 'success',
    details: {
      blueprint: row.blueprintSlug,
      version: row.blueprintVersion,
      target: v.target.name,
      region: row.region,
      stackName: row.stackName,
      parameters: v.masked,
      tags: v.tags,
    },
  });
  return true;
}

/** Drops an unconfirmed preview: its change set, the empty review stack, and the name claim; `reason` stays on the launch. False when it was no longer a preview. */
export async function discardPreview(launchId: string, reason: string): Promise<boolean> {
  const row = await findLaunch(launchId);
  if (!row || row.status !== 'REVIEW_IN_PROGRESS') return false;
  const won = await transitionLaunch(launchId, ['REVIEW_IN_PROGRESS'], {
    status: 'DISCARDED',
    statusReason: reason,
    operation: null,
    settledAt: new Date(),
    releaseName: true,
  });
  if (!won) return false;
  const ref = await resolveTargetRefById(row.targetId, row.region);
  if (row.changeSetId) await deleteChangeSet(ref, row.changeSetId).catch(() => undefined);
  if (row.stackId) await deleteStack(ref, row.stackId, `slipway-discard-${launchId}`).catch(() => undefined);
  return true;
}
