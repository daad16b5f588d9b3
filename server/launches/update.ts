import 'server-only';
import { auditedLaunchAction } from '@/server/launches/audit';
import { randomUUID } from 'node:crypto';
import { AppError, type FieldErrors } from '@/server/errors';
import { recordAudit } from '@/server/audit/queries';
import { log } from '@/server/log';
import { requireTeamRole } from '@/server/auth/authz';
import { createChangeSet, deleteChangeSet, executeChangeSet, waitForChangeSet } from '@/server/aws/cloudformation';
import { resolveTargetRefById } from '@/server/targets/queries';
import { getTeamForActor } from '@/server/teams/queries';
import { prepareTemplate, templateSource } from '@/server/launches/artefacts';
import { toFunctionBuilds } from '@/server/builds/build-blueprint';
import { toLaunchError } from '@/server/launches/aws-errors';
import { requestHashOf, requireBlueprint } from '@/server/launches/context';
import { launchCostEstimate } from '@/server/launches/cost';
import { requireReadableLaunch } from '@/server/launches/read';
import { parseChanges, parseRecord, transitionLaunch, updateLaunch } from '@/server/launches/queries';
import { maskSecrets, validateParameterValue } from '@/lib/launches/parameters';
import { checkParameterRules } from '@/lib/launches/parameter-rules';
import { mergeTags } from '@/lib/launches/tags';
import { launchActions } from '@/lib/launches/actions';
import type { Actor } from '@/server/auth/actor';
import type { LaunchUpdateRequest } from '@/lib/schemas/launches';
import type { LaunchPreviewDto } from '@/lib/launches/dto';

/**
 * Changes a launch's parameters (and/or moves it to the catalog's version) through a change set.
 * `dryRun` only previews; otherwise the previewed change set for the same request is executed, or a
 * new one is created and executed.
 */
export function updateLaunchStack(actor: Actor, launchId: string, req: LaunchUpdateRequest): Promise<{ preview: LaunchPreviewDto; started: boolean }> {
  const action = req.dryRun ? 'launch.update.preview' : 'launch.update';
  return auditedLaunchAction(actor, action, launchId, { version: req.version ?? null }, () => updateLaunchStackUnaudited(actor, launchId, req));
}

async function updateLaunchStackUnaudited(actor: Actor, launchId: string, req: LaunchUpdateRequest): Promise<{ preview: LaunchPreviewDto; started: boolean }> {
  const row = await requireReadableLaunch(actor, launchId);
  requireTeamRole(actor, row.teamId, 'developer', 'update launches');
  const update = launchActions(row).update;
  if (!update.allowed) throw new AppError('CONFLICT', update.reason);
  const blueprint = await requireBlueprint(row.blueprintSlug);
  const targetVersion = !req.version || req.version === 'latest' ? (req.version === 'latest' ? blueprint.metadata.version : row.blueprintVersion) : req.version;
  if (targetVersion !== blueprint.metadata.version && targetVersion !== row.blueprintVersion) {
    throw new AppError('VALIDATION', `version ${targetVersion} is not available; the catalog has ${blueprint.metadata.version}.`, {
      fields: { version: [`must be ${blueprint.metadata.version}`] },
    });
  }
  const movingVersion = targetVersion !== row.blueprintVersion;
  const target = await resolveTargetRefById(row.targetId, row.region);
  const previous = parseRecord(row.parameters);
  const params = blueprint.model.parameters;

  // Secrets not given again keep their previous value inside CloudFormation (UsePreviousValue).
  const fields: FieldErrors = {};
  const known = new Set(params.map((p) => p.name));
  for (const key of Object.keys(req.parameters)) if (!known.has(key)) fields[`parameters.${key}`] = [`${key} is not a parameter of this blueprint`];
  const cfnParams: { key: string; value?: string; usePreviousValue?: boolean }[] = [];
  const newValues: Record<string, string> = {};
  for (const p of params) {
    const given = req.parameters[p.name];
    if (p.noEcho && given === undefined && Object.hasOwn(previous, p.name)) {
      cfnParams.push({ key: p.name, usePreviousValue: true });
      newValues[p.name] = previous[p.name]!;
      continue;
    }
    const value = given ?? (p.noEcho ? undefined : previous[p.name]) ?? p.default;
    const problem = validateParameterValue(p, value);
    if (problem) fields[`parameters.${p.name}`] = [problem];
    if (value !== undefined) {
      cfnParams.push({ key: p.name, value });
      newValues[p.name] = value;
    }
  }
  if (Object.keys(fields).length === 0) {
    for (const [name, message] of Object.entries(checkParameterRules(blueprint.metadata.parameters.rules ?? [], newValues)))
      fields[`parameters.${name}`] = [message];
  }
  const team = await getTeamForActor(actor, row.teamId);
  const { tags, errors: tagErrors } = mergeTags(team.requiredTags, req.tags ?? parseRecord(row.tags), { owner: actor.email });
  for (const [k, m] of Object.entries(tagErrors)) fields[k] = [m];
  if (Object.keys(fields).length) throw new AppError('VALIDATION', Object.values(fields)[0]![0]!, { fields });

  const masked = maskSecrets(params, newValues);
  const requestHash = requestHashOf({ launch: row.id, version: targetVersion, values: newValues, tags });
  let builds: LaunchPreviewDto['builds'] = [];
  const previewOf = (changes: LaunchPreviewDto['changes']): LaunchPreviewDto => ({
    previewId: row.id,
    stackName: row.stackName,
    changeSetType: 'UPDATE',
    changes,
    capabilities: blueprint.model.capabilities,
    parameters: masked,
    tags,
    costEstimate: launchCostEstimate(blueprint, newValues, row.region),
    builds,
  });

  const execute = (changeSetId: string) =>
    executeUpdate(actor, row.id, row.teamId, target, changeSetId, {
      masked,
      tags,
      targetVersion,
      movingVersion,
      stackName: row.stackName,
      before: { status: row.status, parameters: previous },
    });

  // The preview the person just looked at is executed as it is (no second change set).
  if (!req.dryRun && row.changeSetId && row.pendingChanges && row.requestHash === requestHash) {
    return { preview: previewOf(parseChanges(row.pendingChanges) ?? []), started: await execute(row.changeSetId) };
  }
  if (row.changeSetId && row.pendingChanges) await deleteChangeSet(target, row.changeSetId).catch(() => undefined);

  let changeSetId: string;
  let changes: LaunchPreviewDto['changes'];
  let body: string;
  try {
    const prepared = movingVersion
      ? await prepareTemplate(
          target,
          { dir: blueprint.dir, slug: blueprint.metadata.slug, version: targetVersion },
          {
            parameters: Object.fromEntries(cfnParams.flatMap((p) => (p.value === undefined ? [] : [[p.key, p.value]]))),
          },
        )
      : {
          source: await templateSource(target, row.templateBody, { slug: row.blueprintSlug, version: row.blueprintVersion }),
          body: row.templateBody,
        };
    body = prepared.body;
    if ('build' in prepared) builds = toFunctionBuilds(prepared.build);
    const created = await createChangeSet(target, {
      stackName: row.stackName,
      changeSetName: `slipway-update-${Date.now()}`,
      type: 'UPDATE',
      template: prepared.source,
      parameters: cfnParams,
      tags,
      capabilities: blueprint.model.capabilities,
      clientToken: `slipway-cs-${randomUUID()}`,
    });
    changeSetId = created.changeSetId;
    const state = await waitForChangeSet(target, changeSetId);
    if (state.status === 'FAILED' && /didn't contain changes|No updates/i.test(state.reason ?? '')) {
      await deleteChangeSet(target, changeSetId).catch(() => undefined);
      throw new AppError('VALIDATION', 'Nothing would change: the parameters and template are the same as deployed.');
    }
    if (state.status !== 'CREATE_COMPLETE') throw new AppError('VALIDATION', `CloudFormation could not prepare the update: ${state.reason ?? state.status}`);
    changes = state.changes;
  } catch (err) {
    throw toLaunchError(err, { action: 'prepare the update', targetName: row.target?.name ?? 'the target' });
  }
  await updateLaunch(row.id, { changeSetId, pendingChanges: changes, requestHash, templateBody: body });
  if (req.dryRun) {
    await recordAudit({
      actor,
      action: 'launch.update.preview',
      resourceType: 'launch',
      resourceId: row.id,
      teamId: row.teamId,
      outcome: 'success',
      details: { parameters: masked, version: targetVersion },
    });
    return { preview: previewOf(changes), started: false };
  }
  return { preview: previewOf(changes), started: await execute(changeSetId) };
}

async function executeUpdate(
  actor: Actor,
  launchId: string,
  teamId: string,
  target: Awaited<ReturnType<typeof resolveTargetRefById>>,
  changeSetId: string,
  what: {
    masked: Record<string, string>;
    tags: Record<string, string>;
    targetVersion: string;
    movingVersion: boolean;
    stackName: string;
    /** The launch as it was, to put back if CloudFormation refuses the update, and to audit old → new. */
    before: { status: string; parameters: Record<string, string> };
  },
): Promise<boolean> {
  const token = `slipway-update-${launchId}-${randomUUID().slice(0, 8)}`;
  // From the status the update was allowed in: a request that finds it changed meanwhile does nothing.
  const won = await transitionLaunch(launchId, [what.before.status], {
    status: 'UPDATE_IN_PROGRESS',
    operation: 'update',
    clientRequestToken: token,
    statusReason: null,
  });
  if (!won) return false;
  try {
    await executeChangeSet(target, changeSetId, token);
  } catch (err) {
    // Nothing changed in AWS: the launch goes back to how it was, so it can be updated or deleted again.
    const error = toLaunchError(err, { action: 'update the stack', targetName: target.name });
    await updateLaunch(launchId, { operation: null, status: what.before.status, statusReason: error.message, changeSetId: null, pendingChanges: null });
    throw error;
  }
  await updateLaunch(launchId, { parameters: what.masked, tags: what.tags, blueprintVersion: what.targetVersion, pendingChanges: null, changeSetId: null });
  log.info('launch update started', { launchId, stackName: what.stackName, version: what.targetVersion, parameters: what.masked });
  await recordAudit({
    actor,
    action: 'launch.update',
    resourceType: 'launch',
    resourceId: launchId,
    teamId,
    outcome: 'success',
    details: {
      stackName: what.stackName,
      parameters: what.masked,
      changed: parameterChanges(what.before.parameters, what.masked),
      version: what.targetVersion,
      movedVersion: what.movingVersion,
    },
  });
  return true;
}

/** Parameters whose (masked) value changed, as { name: { from, to } }. */
function parameterChanges(before: Record<string, string>, after: Record<string, string>): Record<string, { from: string | null; to: string | null }> {
  const changed: Record<string, { from: string | null; to: string | null }> = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[name] !== after[name]) changed[name] = { from: before[name] ?? null, to: after[name] ?? null };
  }
  return changed;
}
